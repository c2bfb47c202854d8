import 'server-only';
import { recordAudit } from '@/lib/db/audit';
import type { Executor } from '@/lib/db/client';
import { insertToken } from '@/lib/db/tokens';
import { queueEmail } from '@/lib/email/outbox';
import type { AppLocale } from '@/lib/i18n/routing';
import { newLinkToken } from '@/lib/auth/one-time-secrets';
import { ACTIVATION_MINUTES } from './policy';

/** A fresh welcome link (the older ones die), emailed in `locale`, in the caller's transaction. */
export async function issueActivation(
  tx: Executor,
  user: { id: string; email: string; name: string },
  locale: AppLocale,
  context: { actorUserId?: string | null; ip?: string | null } = {},
): Promise<void> {
  const { token, hash } = newLinkToken();
  await insertToken({ userId: user.id, purpose: 'activation', tokenHash: hash, locale, expiresInMinutes: ACTIVATION_MINUTES }, tx);
  await queueEmail(tx, {
    template: 'activation',
    to: user.email,
    locale,
    userId: user.id,
    props: { name: user.name || null, expiresAt: new Date(Date.now() + ACTIVATION_MINUTES * 60_000).toISOString() },
    secrets: { token },
  });
  await recordAudit(tx, {
    event: 'activation.sent',
    actorUserId: context.actorUserId ?? null,
    targetUserId: user.id,
    ip: context.ip ?? null,
  });
}
