import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db/client';
import { findMailboxMessage, listMailbox } from '@/lib/db/outbox';
import { dispatchDueEmails } from '@/lib/email/dispatcher';
import { queueEmail } from '@/lib/email/outbox';
import { mailboxTransport } from '@/lib/email/transports/mailbox';
import { withMigratedDatabase } from '../../helpers/database';

withMigratedDatabase();
afterEach(() => vi.restoreAllMocks());

describe('development mailbox', () => {
  it('keeps the rendered email and logs one line without its body', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const id = await db().transaction((tx) =>
      queueEmail(tx, {
        template: 'passwordChanged',
        to: 'emma@example.com',
        locale: 'en',
        props: { name: 'Emma Brown', changedAt: '2026-11-21T14:30:00Z' },
      }),
    );
    await dispatchDueEmails(mailboxTransport('http://localhost:3000'));

    const message = await findMailboxMessage(id);
    expect(message).toMatchObject({ recipient: 'emma@example.com', locale: 'en', subject: 'Your Sésame password was changed' });
    expect(message?.html).toContain('Hello Emma Brown,');
    expect((await listMailbox()).map((row) => row.id)).toContain(id);

    const lines = log.mock.calls.map((call) => call.join(' '));
    expect(lines).toEqual([`[mailbox] "Your Sésame password was changed" for emma@example.com — http://localhost:3000/en/dev/mailbox/${id}`]);
  });
});
