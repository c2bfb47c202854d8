import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay on loopback between a site and PostgreSQL, so a test can take the database away
 * from that one site without stopping the cluster others share. `cut()` is what the site sees
 * when PostgreSQL stops: every connection drops and new ones are refused (nothing listens);
 * `restore()` listens again on the same port.
 */
export async function startDatabaseCut(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;

  const relay = (client: Socket) => {
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer(relay);
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server!.address();
        if (typeof address === 'object' && address) port = address.port;
        resolve();
      });
    });

  const stop = async () => {
    const closed = server ? new Promise((resolve) => server!.close(resolve)) : Promise.resolve();
    server = undefined;
    for (const socket of sockets) socket.destroy();
    await closed;
  };

  await listen();
  return {
    port,
    /** The database is gone: open connections drop, new ones are refused. */
    cut: stop,
    restore: listen,
    close: stop,
  };
}
