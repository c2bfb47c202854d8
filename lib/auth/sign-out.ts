import 'server-only';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { deleteSessionByToken, deleteUserSession, deleteUserSessions } from '@/lib/db/sessions';

export async function endSession(token: string, ip: string | null): Promise<void> {
  await db().transaction(async (tx) => {
    const ended = await deleteSessionByToken(token, tx);
    if (ended) await recordAudit({ event: 'sign_out', actorUserId: ended.userId, targetUserId: ended.userId, ip }, tx);
  });
}

/** Signs out one of the person's other browsers; false when it is not theirs or already gone. */
export async function revokeOwnSession(userId: string, sessionId: string, ip: string | null): Promise<boolean> {
  return db().transaction(async (tx) => {
    const revoked = await deleteUserSession(userId, sessionId, tx);
    if (revoked) {
      await recordAudit({ event: 'session.revoked', actorUserId: userId, targetUserId: userId, ip }, tx);
    }
    return revoked;
  });
}

export async function revokeOtherSessions(userId: string, currentSessionId: string, ip: string | null): Promise<number> {
  return db().transaction(async (tx) => {
    const count = await deleteUserSessions(userId, { except: currentSessionId }, tx);
    await recordAudit({
      event: 'sessions.revoked_others',
      actorUserId: userId,
      targetUserId: userId,
      ip,
      detail: { count },
    }, tx);
    return count;
  });
}
