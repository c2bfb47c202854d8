import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeDelivery {
  idempotencyKey: string | null;
  from: string;
  to: string | string[];
  subject: string;
  html: string;
  text: string;
}

export type FakeFailure = 'error500' | 'slow';

/**
 * A stand-in for the Resend API on loopback, so tests exercise the real SDK. Like Resend, it
 * delivers each idempotency key once and answers a repeat with the first answer. It can be
 * told to fail the next requests with a 500, or to accept them but answer too late, or to be
 * down (a 503 to everything) until it is brought back.
 */
export async function startFakeResend(options: { slowMs?: number } = {}) {
  const requests: Array<{ idempotencyKey: string | null; authorization: string | undefined }> = [];
  const deliveries: FakeDelivery[] = [];
  const answered = new Map<string, string>();
  const failures: FakeFailure[] = [];
  const failuresByRecipient = new Map<string, FakeFailure[]>();
  const pending = new Set<ServerResponse>();
  let down = false;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method === 'GET' && request.url === '/_fake/deliveries') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(deliveries));
      return;
    }
    if (request.method !== 'POST' || request.url !== '/emails') {
      response.writeHead(404).end();
      return;
    }
    let raw = '';
    for await (const chunk of request) raw += chunk;
    const idempotencyKey = (request.headers['idempotency-key'] as string | undefined) ?? null;
    requests.push({ idempotencyKey, authorization: request.headers.authorization });

    if (down) {
      response.writeHead(503, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ name: 'service_unavailable', message: 'fake outage', statusCode: 503 }));
      return;
    }
    const body = JSON.parse(raw) as Omit<FakeDelivery, 'idempotencyKey'>;
    const recipients = ([] as string[]).concat(body.to);
    const failure = recipients.map((to) => failuresByRecipient.get(to)?.shift()).find(Boolean) ?? failures.shift();
    if (failure === 'error500') {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ name: 'internal_server_error', message: 'fake outage', statusCode: 500 }));
      return;
    }
    const previous = idempotencyKey ? answered.get(idempotencyKey) : undefined;
    const id = previous ?? `fake_${deliveries.length + 1}`;
    if (!previous) {
      deliveries.push({ idempotencyKey, ...body });
      if (idempotencyKey) answered.set(idempotencyKey, id);
    }
    const answer = () => {
      pending.delete(response);
      if (!response.writableEnded) response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
    };
    if (failure === 'slow') {
      pending.add(response);
      setTimeout(answer, options.slowMs ?? 2_000);
    } else {
      answer();
    }
  };

  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    deliveries,
    failNext(...next: FakeFailure[]) {
      failures.push(...next);
    },
    /**
     * Fails the next emails to one address only, so that a site shared by many tests fails the
     * email a test watches and not whichever email happens to be sent first.
     */
    failNextTo(recipient: string, ...next: FakeFailure[]) {
      failuresByRecipient.set(recipient, [...(failuresByRecipient.get(recipient) ?? []), ...next]);
    },
    /** Answers every email with a 503 until `down(false)`. */
    down(isDown: boolean) {
      down = isDown;
    },
    /** Forgets everything it received and every failure still planned. */
    reset() {
      requests.length = 0;
      deliveries.length = 0;
      failures.length = 0;
      failuresByRecipient.clear();
      answered.clear();
    },
    async close() {
      for (const response of pending) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type FakeResend = Awaited<ReturnType<typeof startFakeResend>>;
