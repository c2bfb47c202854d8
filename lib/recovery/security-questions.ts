import { hashSecret, verifySecret } from '@/lib/passwords/password-hashing';

/** Keys of the translated questions (messages: SecurityQuestions.<key>). */
export const securityQuestionKeys = [
  'firstPet',
  'birthCity',
  'firstSchool',
  'childhoodFriend',
  'firstConcert',
  'favouriteTeacher',
  'firstStreet',
  'grandmotherName',
  'firstJob',
  'favouriteBook',
] as const;

export type SecurityQuestionKey = (typeof securityQuestionKeys)[number];

export const MIN_ANSWER_LENGTH = 2;
export const MAX_ANSWER_LENGTH = 200;

export function isSecurityQuestion(key: unknown): key is SecurityQuestionKey {
  return typeof key === 'string' && (securityQuestionKeys as readonly string[]).includes(key);
}

/** "  Rue  de la Paix " and "rue de la paix" are the same answer; so are "Zoé" and "ZOE". */
export function normaliseAnswer(raw: string): string {
  return raw
    .normalize('NFKC')
    .trim()
    .replace(/\s+/g, ' ')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .normalize('NFKC');
}

export type AnswerProblem = 'answerTooShort' | 'answerTooLong';

export function checkAnswer(raw: string): AnswerProblem | null {
  const length = [...normaliseAnswer(raw)].length;
  if (length < MIN_ANSWER_LENGTH) return 'answerTooShort';
  if (length > MAX_ANSWER_LENGTH) return 'answerTooLong';
  return null;
}

export function hashAnswer(raw: string): Promise<string> {
  return hashSecret(normaliseAnswer(raw));
}

export function answerMatches(storedHash: string, raw: string): Promise<boolean> {
  return verifySecret(storedHash, normaliseAnswer(raw));
}
