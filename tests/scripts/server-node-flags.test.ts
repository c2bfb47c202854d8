import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '@/scripts/runtime/server-node-flags.mjs';

const root = path.resolve(import.meta.dirname, '../..');

it("starts the image's server with the flags npm start, the tests and the bench give it", () => {
  const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
  const commands = [...dockerfile.matchAll(/^CMD (\[.*\])$/gm)].map((match) => JSON.parse(match[1]!) as string[]);
  expect(commands).toContainEqual(['node', ...SERVER_NODE_FLAGS, 'dist/server.mjs']);
});
