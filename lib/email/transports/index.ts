import type { Env } from '@/lib/env';
import { logTransport } from './log';
import { mailboxTransport } from './mailbox';
import { resendTransport } from './resend';
import type { Transport } from './types';

export function transportFor(config: Env): Transport {
  switch (config.EMAIL_TRANSPORT) {
    case 'resend':
      return resendTransport({
        apiKey: config.RESEND_API_KEY!,
        from: config.EMAIL_FROM!,
        baseUrl: config.RESEND_BASE_URL,
        timeoutMs: config.EMAIL_SEND_TIMEOUT_MS,
      });
    case 'mailbox':
      return mailboxTransport(config.APP_URL);
    case 'log':
      return logTransport();
  }
}
