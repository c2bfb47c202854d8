import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { findSecurityAnswerHash, findUserForRecovery, findUserForRecoveryByIdentifier, setSecurityQuestion } from '@/lib/db/users';
import { hashAnswer } from '@/lib/recovery/security-questions';
import { withMigratedDatabase } from '../../helpers/database';
import { makeUser } from '../../helpers/users';

withMigratedDatabase();

async function accountWithBothSecrets() {
  const user = await makeUser();
  await setSecurityQuestion(user.id, { key: 'firstPet', answerHash: await hashAnswer('Rex') });
  const [stored] = await db()
    .select({ passwordHash: users.passwordHash, securityAnswerHash: users.securityAnswerHash })
    .from(users)
    .where(eq(users.id, user.id));
  return { user, secrets: [stored!.passwordHash!, stored!.securityAnswerHash!] };
}

describe('the account lookups of recovery, second factors and company sign-in', () => {
  it('never return the password hash or the security answer hash', async () => {
    const { user, secrets } = await accountWithBothSecrets();
    const found = [
      await findUserForRecovery(user.id),
      await findUserForRecoveryByIdentifier({ kind: 'email', value: user.email }),
      await findUserForRecoveryByIdentifier({ kind: 'username', value: user.username! }),
    ];
    for (const row of found) {
      expect(row?.id).toBe(user.id);
      expect(Object.keys(row!).filter((column) => /hash|secret/i.test(column))).toEqual([]);
      for (const secret of secrets) expect(JSON.stringify(row)).not.toContain(secret);
      expect(row).toMatchObject({ securityQuestion: 'firstPet', hasSecurityAnswer: true });
    }
  });

  it('leave the answer hash to the security question check, which alone reads it', async () => {
    const { user, secrets } = await accountWithBothSecrets();
    expect(await findSecurityAnswerHash(user.id)).toBe(secrets[1]);
    const withoutQuestion = await makeUser();
    expect(await findSecurityAnswerHash(withoutQuestion.id)).toBeNull();
    expect(await findUserForRecovery(withoutQuestion.id)).toMatchObject({ hasSecurityAnswer: false });
  });
});
