import 'server-only';
import { recordAudit } from '@/lib/db/audit';
import type { Executor } from '@/lib/db/client';
import { createSession } from '@/lib/db/sessions';
import { markSignedIn } from '@/lib/db/users';
import { env } from '@/lib/env';

export type SignInMethod = 'password' | 'magic_link';

/** A new session row for a proven person, in the caller's transaction; returns its token. */
export async function startSession(
  tx: Executor,
  userId: string,
  request: { ip: string | null; userAgent: string | null },
  method: SignInMethod,
): Promise<string> {
  const token = await createSession(
    { userId, ip: request.ip, userAgent: request.userAgent, absoluteHours: env().SESSION_ABSOLUTE_HOURS },
    tx,
  );
  await markSignedIn(userId, tx);
  await recordAudit(tx, { event: 'sign_in.succeeded', actorUserId: userId, targetUserId: userId, ip: request.ip, detail: { method } });
  return token;
}
