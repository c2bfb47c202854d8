import 'server-only';
import { getTranslations } from 'next-intl/server';
import { auditEventNames, type AuditEventName } from '@/lib/db/audit';
import type { AppLocale } from './routing';

const isAuditEventName = (event: string): event is AuditEventName => (auditEventNames as readonly string[]).includes(event);

/**
 * Words an audit event in `locale`. The account's security activity and the admin audit log
 * say the same thing for the same event; a name the catalogue does not know (an event from a
 * newer version, a row written by hand) reads as a generic security event.
 */
export async function auditEventWords(locale: AppLocale): Promise<(event: string) => string> {
  const t = await getTranslations({ locale, namespace: 'Activity' });
  return (event) => (isAuditEventName(event) ? t(`events.${event}`) : t('other'));
}
