import { createServer } from 'node:net';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnreachable } from '@/lib/db/unreachable';

/** A port on loopback that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('isDatabaseUnreachable', () => {
  it('recognises a refused connection, as the driver reports it and as Drizzle wraps it', async () => {
    const client = postgres({ host: '127.0.0.1', port: await closedPort(), max: 1, connect_timeout: 2, onnotice: () => {} });
    const refused = await client`select 1`.catch((error: unknown) => error);
    await client.end();
    expect(isDatabaseUnreachable(refused)).toBe(true);
    expect(isDatabaseUnreachable(new Error('Failed query: select 1', { cause: refused }))).toBe(true);
  });

  it('recognises a connection ended by the server (an administrator, a restart)', () => {
    expect(isDatabaseUnreachable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error('write CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' }))).toBe(true);
  });

  it('leaves failed queries alone: they are bugs or conflicts, not an outage', () => {
    expect(isDatabaseUnreachable(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnreachable(new Error('Failed query', { cause: Object.assign(new Error('syntax error'), { code: '42601' }) }))).toBe(false);
    expect(isDatabaseUnreachable(new Error('something else'))).toBe(false);
    expect(isDatabaseUnreachable(undefined)).toBe(false);
  });
});
