import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { closeDb } from '@/lib/db/client';
import './common';

// Each test file gets its own throwaway database, so parallel runs never collide: a copy of the
// run's migrated template (tests/setup/postgres-template.ts).
const serverUrl = process.env.SESAME_TEST_SERVER_URL!;
const name = `sesame_test_${randomUUID().replaceAll('-', '')}`;
const url = new URL(serverUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();

const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });

beforeAll(async () => {
  await admin.unsafe(`create database ${name} template ${inject('templateDatabase')}`);
});

afterAll(async () => {
  await closeDb();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});
