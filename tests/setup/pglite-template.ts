import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/**
 * Creates and migrates one embedded database per run and dumps it to a file; each test file's
 * in-memory database starts from that dump (tests/setup/pglite.ts). Creating the cluster and
 * migrating it cost each file several seconds of CPU; loading the dump costs a fraction.
 */
export default async function setup(project: TestProject) {
  const client = new PGlite({ extensions: { pg_trgm } });
  await migrate(drizzle({ client }), { migrationsFolder: path.join(import.meta.dirname, '../../drizzle') });
  const dump = await client.dumpDataDir('none');
  await client.close();
  const folder = mkdtempSync(path.join(tmpdir(), 'sesame-pglite-template-'));
  const file = path.join(folder, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  return () => rmSync(folder, { recursive: true, force: true });
}
