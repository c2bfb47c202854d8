import 'server-only';
import { env } from '@/lib/env';

/** The development mailbox is a page only where it is the transport: embedded mode, no Resend. */
export function mailboxEnabled(): boolean {
  const config = env();
  return config.embedded && config.EMAIL_TRANSPORT === 'mailbox';
}
