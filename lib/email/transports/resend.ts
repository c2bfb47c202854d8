import { Resend } from 'resend';
import type { DeliveryResult, OutgoingEmail, Transport } from './types';

export function resendTransport(options: { apiKey: string; from: string; baseUrl?: string; timeoutMs: number }): Transport {
  const client = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
  return {
    name: 'resend',
    async deliver(email: OutgoingEmail): Promise<DeliveryResult> {
      try {
        const { data, error } = await client.emails.send(
          { from: options.from, to: email.to, subject: email.subject, html: email.html, text: email.text },
          // The outbox id: a retry after a timeout or a crash is delivered at most once.
          { idempotencyKey: email.id, signal: AbortSignal.timeout(options.timeoutMs) } as { idempotencyKey: string },
        );
        if (error) return { ok: false, error: `resend ${error.name ?? 'error'}: ${error.message ?? ''}`.slice(0, 500) };
        return { ok: true, providerMessageId: data?.id ?? null };
      } catch (error) {
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
        return { ok: false, error: `resend request failed (${reason})`.slice(0, 500) };
      }
    },
  };
}
