import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { SERVER_NODE_FLAGS } from '@/scripts/runtime/server-node-flags.mjs';

export const root = path.resolve(import.meta.dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningSite {
  child: ChildProcess;
  baseURL: string;
  port: number;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts the built site exactly as `npm start` serves it (dist/server.mjs) and waits until
 * it answers on 127.0.0.1. `env` is the whole environment; PORT and APP_URL are filled in
 * (on `port` when given, for an APP_URL chosen beforehand).
 */
export async function startSite(name: string, env: NodeJS.ProcessEnv, port?: number): Promise<RunningSite> {
  port ??= await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'dist/server.mjs'], {
    cwd: root,
    env: { APP_URL: baseURL, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill();
    await exited;
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} site exited:\n${output}`);
    try {
      const response = await fetch(`${baseURL}/en/login`);
      if (response.ok) return { child, baseURL, port, output: () => output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`${name} site did not start:\n${output}`);
}
