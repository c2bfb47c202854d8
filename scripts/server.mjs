/**
 * The HTTP server in front of Next.js, for `npm start` and `npm run dev`. Next.js 16 gives a
 * page no way to read the socket's address (it only fills X-Forwarded-For when the client left
 * it empty), so this server writes the peer address into a header of its own on every request,
 * replacing whatever the client sent under that name. lib/network/request-address.ts reads it,
 * and believes X-Forwarded-For only as far as TRUSTED_PROXIES says.
 *
 * The embedded demo listens on 127.0.0.1 unless HOST says otherwise: its development mailbox
 * shows reset links, and only this machine may see them.
 */
import { createServer } from 'node:http';
import path from 'node:path';
import nextEnv from '@next/env';
import next from 'next';

const PEER_HEADER = 'x-sesame-peer';
// Without a trusted proxy these come from the client: Next.js must not build URLs from them.
const FORWARDED_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-port', 'x-forwarded-proto'];

const root = path.resolve(import.meta.dirname, '..');
const dev = process.argv.includes('--dev');
// As `next start` and `next dev` do.
process.env.NODE_ENV = dev ? 'development' : 'production';
// The same .env files Next.js reads, loaded first: they may set the port, the host or the database.
nextEnv.loadEnvConfig(root, dev);

const port = Number(process.env.PORT || 3000);
const embedded = !process.env.DATABASE_URL;
const host = process.env.HOST || (embedded ? '127.0.0.1' : undefined);
const trustsProxies = !['', '0'].includes((process.env.TRUSTED_PROXIES ?? '').trim());

// A page that fails because the database is out of reach leaves a complete answer of its own for
// its request (lib/http/outage-answer.ts): it goes out instead of Next.js's error answer. The
// request is found by a number in a header of ours, since Next.js hands the error hook only the
// request's headers; only a failed page pays for intercepting its response.
const REQUEST_HEADER = 'x-sesame-request';
const responses = new Map();
let lastRequest = 0;
globalThis[Symbol.for('sesame.peer-header')] = PEER_HEADER;
globalThis[Symbol.for('sesame.replace-answer')] = (headers, answer) => {
  const response = responses.get(headers[REQUEST_HEADER]);
  if (!response || response.headersSent) return;
  // The first answer left stands: a page can fail in both of its renderings.
  responses.delete(headers[REQUEST_HEADER]);
  replaceServerErrors(response, answer);
};

/** Sends `answer` instead of a server error. */
function replaceServerErrors(response, answer) {
  const { writeHead, write, end } = response;
  let replaced = false;
  const decideFirst = () => {
    if (!response.headersSent && response.statusCode >= 500) response.writeHead(response.statusCode);
  };
  response.writeHead = function (status, ...rest) {
    if (status < 500) return writeHead.call(this, status, ...rest);
    replaced = true;
    // The site's own headers stay (the page's own override theirs); those of the body do not.
    for (const name of ['content-length', 'content-encoding', 'etag', 'link', 'vary']) this.removeHeader(name);
    return writeHead.call(this, answer.status, answer.headers);
  };
  response.write = function (chunk, encoding, callback) {
    decideFirst();
    if (!replaced) return write.call(this, chunk, encoding, callback);
    [encoding, callback].find((argument) => typeof argument === 'function')?.();
    return true;
  };
  response.end = function (chunk, encoding, callback) {
    decideFirst();
    if (!replaced) return end.call(this, chunk, encoding, callback);
    return end.call(this, answer.body, [chunk, encoding, callback].find((argument) => typeof argument === 'function'));
  };
}

const server = createServer((request, response) => {
  request.headers[PEER_HEADER] = request.socket.remoteAddress ?? '';
  if (!trustsProxies) for (const name of FORWARDED_HEADERS) delete request.headers[name];
  const id = String(++lastRequest);
  request.headers[REQUEST_HEADER] = id;
  responses.set(id, response);
  response.once('close', () => responses.delete(id));
  void handle(request, response);
});
const app = next({ dev, dir: root, port, hostname: host ?? 'localhost', httpServer: server });
await app.prepare();
const handle = app.getRequestHandler();

server.on('error', (error) => {
  console.error(`Sésame cannot listen on ${host ?? 'every interface'}, port ${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, host, () => {
  const everywhere = !host || host === '0.0.0.0' || host === '::';
  const local = ['127.0.0.1', '::1', 'localhost'].includes(host ?? '');
  const address = everywhere || local ? 'localhost' : host;
  console.log(`Sésame is listening on ${everywhere ? 'every network interface' : host}, port ${port}: http://${address}:${port}`);
  if (embedded) {
    console.log(
      local
        ? 'Embedded demo: only this machine can reach it (set HOST=0.0.0.0 to open it to the network).'
        : 'Embedded demo open to the network: anyone who reaches it can use the demo accounts.',
    );
    console.log('The development mailbox (/en/dev/mailbox) answers only requests from this machine.');
  }
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close();
    server.closeIdleConnections();
    void app.close().finally(() => process.exit(0));
  });
}
