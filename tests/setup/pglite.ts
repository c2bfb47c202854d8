import { readFileSync } from 'node:fs';
import { afterAll, inject } from 'vitest';
import { closeDb, IN_MEMORY, startInMemoryDatabasesFrom } from '@/lib/db/client';
import './common';

delete process.env.DATABASE_URL;
process.env.DATA_DIR = IN_MEMORY;
// The run's migrated template (tests/setup/pglite-template.ts), read when a file opens a database.
startInMemoryDatabasesFrom(() => new Blob([readFileSync(inject('pgliteTemplate'))]));

afterAll(closeDb);
