import { afterAll } from 'vitest';
import { closeDb, IN_MEMORY } from '@/lib/db/client';
import './common';

delete process.env.DATABASE_URL;
process.env.DATA_DIR = IN_MEMORY;

afterAll(closeDb);
