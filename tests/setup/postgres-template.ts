import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

/**
 * Migrates one database per run; each test file's database is a copy of it
 * (`CREATE DATABASE … TEMPLATE`), which takes a fraction of running every migration again.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL!;
  const name = `sesame_template_${randomUUID().replaceAll('-', '')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // Closed before any copy is made: PostgreSQL copies only a database nobody is connected to.
  const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle({ client }), { migrationsFolder: path.join(import.meta.dirname, '../../drizzle') });
  } finally {
    await client.end({ timeout: 5 });
  }
  project.provide('templateDatabase', name);
  return async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
}
