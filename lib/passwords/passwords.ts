import { MAX_PASSWORD_LENGTH } from './password-policy';
import { hashSecret, verifyAgainstDummy, verifySecret } from './password-hashing';

/** Passwords are hashed in NFKC so the same password typed on any keyboard matches. */
export function hashPassword(password: string): Promise<string> {
  return hashSecret(password.normalize('NFKC'));
}

/**
 * Compares a typed password with a stored hash. With no hash (unknown identifier, account
 * without a password) one argon2 verification is still spent, so timing tells nothing.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  const normalised = password.normalize('NFKC');
  // Refused before hashing: no valid password is that long, and hashing it would be a DoS lever.
  if ([...normalised].length > MAX_PASSWORD_LENGTH) return verifyAgainstDummy('');
  if (!storedHash) return verifyAgainstDummy(normalised);
  return verifySecret(storedHash, normalised);
}
