import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db/client';
import { findMailboxMessage, listMailbox } from '@/lib/db/outbox';
import { queueEmail } from '@/lib/email/outbox';
import { mailboxTransport } from '@/lib/email/transports/mailbox';
import { withMigratedDatabase } from '../../helpers/database';
import { dispatchDueEmails } from '../../helpers/jobs';

// The site's logger, writing where the test reads it (it writes to the process's output otherwise).
const written = vi.hoisted(() => ({ lines: [] as string[] }));
vi.mock('@/lib/observability/logger', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/observability/logger')>();
  return { ...actual, logger: actual.createLogger({ write: (line: string) => void written.lines.push(line) }) };
});

withMigratedDatabase();
afterEach(() => vi.restoreAllMocks());

describe('development mailbox', () => {
  it('keeps the rendered email and logs one line without its body', async () => {
    written.lines.length = 0;
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

    // One line that says where to read it; neither the recipient nor anything of the body.
    const lines = written.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ template: 'passwordChanged', emailId: id, msg: `email in the development mailbox: http://localhost:3000/en/dev/mailbox/${id}` });
    expect(written.lines[0]).not.toContain('emma@example.com');
    expect(written.lines[0]).not.toContain('Emma Brown');
  });
});
