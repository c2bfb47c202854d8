import 'server-only';
import { newLinkToken } from '@/lib/auth/one-time-secrets';
import { accountCompanySignIn } from '@/lib/auth/sso-domain-policy';
import { recordAudit } from '@/lib/db/audit';
import type { Executor } from '@/lib/db/client';
import { countRecentEmails } from '@/lib/db/outbox';
import { insertToken } from '@/lib/db/tokens';
import { queueEmail } from '@/lib/email/outbox';
import type { AppLocale } from '@/lib/i18n/routing';
import { ACTIVATION_MINUTES } from '@/lib/policy';

/**
 * A fresh welcome link (the older ones die), emailed in `locale`, in the caller's transaction.
 * An account its company signs in gets no link, which would let it choose a password: its
 * welcome says to sign in with the company, which activates it (at most once an hour when the
 * person asks for it again; every time an admin does).
 */
export async function issueActivation(
  tx: Executor,
  user: { id: string; email: string; name: string },
  locale: AppLocale,
  context: { actorUserId?: string | null; ip?: string | null } = {},
): Promise<void> {
  const audit = { actorUserId: context.actorUserId ?? null, targetUserId: user.id, ip: context.ip ?? null };
  const company = await accountCompanySignIn(user, tx);
  if (company) {
    if (!context.actorUserId && (await countRecentEmails(user.id, 'companySignIn', 60, tx)) > 0) return;
    const props = { name: user.name || null, company: company.name, asked: 'activation' as const, email: user.email };
    await queueEmail(tx, { template: 'companySignIn', to: user.email, locale, userId: user.id, props });
    await recordAudit({ event: 'activation.sent', ...audit, detail: { via: 'company_sign_in' } }, tx);
    return;
  }
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
  await recordAudit({ event: 'activation.sent', ...audit }, tx);
}
