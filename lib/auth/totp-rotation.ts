import 'server-only';
import { listEncryptedTotpSecrets, replaceEncryptedTotpSecret } from '@/lib/db/two-step';
import { decryptTotpSecret, encryptTotpSecret, isUnderCurrentKey } from './totp';

/**
 * Re-encrypts every TOTP secret still under an earlier key (TOTP_PREVIOUS_KEYS) with
 * TOTP_ENCRYPTION_KEY. Safe to run while the site serves: each row is swapped only if it has
 * not changed since it was read, and running it twice does nothing the second time.
 */
export async function reencryptTotpSecrets(): Promise<{ reencrypted: number; alreadyCurrent: number }> {
  let reencrypted = 0;
  let alreadyCurrent = 0;
  for (const row of await listEncryptedTotpSecrets()) {
    for (const column of ['secret', 'pendingSecret'] as const) {
      const stored = row[column];
      if (!stored) continue;
      if (isUnderCurrentKey(stored)) {
        alreadyCurrent += 1;
        continue;
      }
      if (await replaceEncryptedTotpSecret(row.userId, column, stored, encryptTotpSecret(decryptTotpSecret(stored)))) reencrypted += 1;
    }
  }
  return { reencrypted, alreadyCurrent };
}
