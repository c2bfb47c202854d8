import 'server-only';
import { z } from 'zod';
import { open, seal } from '@/lib/crypto';
import { parseCsv } from '@/lib/csv/parse';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { insertJobItems, nextJobItems, refuseRemainingJobItems, settleJobItem } from '@/lib/db/jobs';
import type { Role } from '@/lib/db/schema';
import { findUserById } from '@/lib/db/users';
import { env } from '@/lib/env';
import { enqueueJob } from '@/lib/jobs/enqueue';
import type { JobDefinition } from '@/lib/jobs/runner';
import { can, type Actor } from '@/lib/permissions/can';
import { grantableRoles, permissionTable } from '@/lib/permissions/policy';
import { createUser, type CreateUserInput, type CreateUserProblem } from '@/lib/users/create-user';

export const IMPORT_QUEUE = 'users.import';

/** The columns of an import: create-user's fields, by the same names. */
export const importColumns = ['email', 'username', 'phone', 'name', 'password', 'role', 'team', 'locale', 'state', 'temporaryPassword'] as const;

export interface ImportRow {
  line: number;
  input: Record<string, unknown>;
}

export type ImportProblem = { field: string; code: string };

export type ReadImportResult = { ok: true; rows: ImportRow[] } | { ok: false; problem: 'unreadable' | 'empty' | 'noEmailColumn' | 'unknownColumns'; columns?: string[] };

/**
 * A CSV file with a header line naming its columns (any order, as `importColumns` spells
 * them); empty cells are absent fields. Each row keeps its line in the file, for the report.
 */
export function readCsvImport(text: string): ReadImportResult {
  const records = parseCsv(text);
  if (!records) return { ok: false, problem: 'unreadable' };
  const [header, ...body] = records;
  if (!header || body.length === 0) return { ok: false, problem: 'empty' };
  const names = header.cells.map((cell) => cell.trim());
  const unknown = names.filter((name) => !(importColumns as readonly string[]).includes(name));
  if (unknown.length > 0) return { ok: false, problem: 'unknownColumns', columns: unknown };
  if (!names.includes('email')) return { ok: false, problem: 'noEmailColumn' };
  const rows = body.map((record) => {
    const input: Record<string, unknown> = {};
    names.forEach((name, index) => {
      const value = record.cells[index] ?? '';
      if (value === '') return;
      // A yes/no column: anything else stays text, and create-user's check calls it invalid.
      input[name] = name === 'temporaryPassword' && /^(true|false)$/i.test(value) ? value.toLowerCase() === 'true' : value;
    });
    return { line: record.line, input };
  });
  return { ok: true, rows };
}

/** The command line's JSON array: an entry's "line" is its place in the array. */
export function readJsonImport(entries: unknown[]): ImportRow[] {
  return entries.map((entry, index) => ({
    line: index + 1,
    input: entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? (entry as Record<string, unknown>) : {},
  }));
}

// Rows may carry passwords: they wait in the database sealed, and are erased once handled.
const ROW_PURPOSE = 'job-import-row';
const INSERT_BATCH = 1000;
const CHUNK_SIZE = 100;

const payloadSchema = z.object({ ip: z.string().nullable(), commandLine: z.boolean() });
const checkpointSchema = z.object({ afterLine: z.number().default(0), created: z.number().default(0), finished: z.boolean().default(false) });

/**
 * Queues the rows' creation as one job, audited as started (for the command line, `actor` is
 * null: it acts with the operator's full rights, as create-user does); null when not allowed.
 */
export async function startImportJob(actor: Actor | null, rows: ImportRow[], request: { ip: string | null }): Promise<string | null> {
  if (actor && !can(actor, 'users.import')) return null;
  const secret = env().AUTH_SECRET;
  return db().transaction(async (tx) => {
    const id = await enqueueJob(tx, {
      queue: IMPORT_QUEUE,
      payload: { ip: request.ip, commandLine: actor === null },
      createdBy: actor?.id ?? null,
      total: rows.length,
    });
    if (!id) throw new Error('import job not queued');
    for (let start = 0; start < rows.length; start += INSERT_BATCH) {
      const batch = rows.slice(start, start + INSERT_BATCH).map((row) => ({ line: row.line, input: { sealed: seal(row.input, secret, ROW_PURPOSE) } }));
      await insertJobItems(id, batch, tx);
    }
    await recordAudit({ event: 'admin.job_started', actorUserId: actor?.id ?? null, ip: request.ip, detail: { job: id, kind: 'import', total: rows.length } }, tx);
    return id;
  });
}

type Importer = (Actor & { teamName: string | null }) | null;

/**
 * What an admin or manager may import: roles they may grant, and for a manager their own team
 * only (a row naming no team joins it). Without a state, an account made in the admin area
 * is pending, as on its form: its welcome email lets the person choose a password.
 */
function withinReach(importer: Importer, input: Record<string, unknown>): { input: CreateUserInput; problems: ImportProblem[] } {
  const raw = input as CreateUserInput;
  if (!importer) return { input: raw, problems: [] };
  const problems: ImportProblem[] = [];
  const role = (typeof input.role === 'string' ? input.role : 'user') as Role;
  if (!grantableRoles(importer.role).includes(role)) problems.push({ field: 'role', code: 'notAllowed' });
  let team = typeof input.team === 'string' ? input.team : undefined;
  if (permissionTable[importer.role]['users.import'] !== 'everyone') {
    if (team !== undefined && team.trim().toLowerCase() !== (importer.teamName ?? '').toLowerCase()) problems.push({ field: 'team', code: 'notAllowed' });
    team = importer.teamName ?? undefined;
  }
  return { input: { ...raw, team, state: raw.state ?? 'pending' }, problems };
}

async function importer(createdBy: string | null): Promise<Importer | undefined> {
  const user = createdBy ? await findUserById(createdBy) : undefined;
  if (!user || !can(user, 'users.import')) return undefined;
  return { id: user.id, role: user.role, teamId: user.teamId, state: user.state, teamName: user.teamName };
}

function problemsOf(problems: CreateUserProblem[]): ImportProblem[] {
  return problems.map((problem) => ({ field: problem.field, code: problem.code }));
}

/**
 * Creates the rows a hundred at a time. Each account is written in a savepoint of the chunk's
 * transaction — wholly or not at all — and the chunk's last line is the checkpoint committed
 * with them: after a crash the import resumes after it, and no row is created twice.
 */
export const importUsersJob: JobDefinition = {
  queue: IMPORT_QUEUE,
  async run({ job, step, stopping }) {
    const payload = payloadSchema.parse(job.payload);
    const actor = payload.commandLine ? null : await importer(job.createdBy);
    const secret = env().AUTH_SECRET;
    let progress = checkpointSchema.parse(job.checkpoint ?? {});
    while (!progress.finished) {
      if (stopping()) return 'yielded';
      progress = await step(async (tx) => {
        // Its author can no longer import (deactivated, or their role changed): nothing more is created.
        const refused = actor === undefined ? await refuseRemainingJobItems(job.id, { field: 'row', code: 'notAllowed' }, tx) : 0;
        const items = actor === undefined ? [] : await nextJobItems(job.id, progress.afterLine, CHUNK_SIZE, tx);
        let created = 0;
        let failed = refused;
        for (const item of items) {
          const row = open<Record<string, unknown>>(String(item.input?.sealed ?? ''), secret, ROW_PURPOSE);
          const scoped = withinReach(actor ?? null, row);
          const result = scoped.problems.length > 0 ? null : await createUser(scoped.input, { actorUserId: actor?.id ?? null, ip: payload.ip, executor: tx });
          const problems = result === null ? scoped.problems : result.ok ? null : problemsOf(result.problems);
          await settleJobItem(job.id, item.line, problems, tx);
          if (problems) failed += 1;
          else created += 1;
        }
        const next = { afterLine: items.at(-1)?.line ?? progress.afterLine, created: progress.created + created, finished: items.length < CHUNK_SIZE };
        if (next.finished) {
          await recordAudit({
            event: 'admin.job_finished',
            actorUserId: job.createdBy,
            ip: payload.ip,
            detail: { job: job.id, kind: 'import', created: next.created, refused: actor === undefined },
          }, tx);
        }
        return { value: next, progress: { checkpoint: next, processed: items.length + refused, failed } };
      });
    }
    return { result: { created: progress.created } };
  },
  async onDead(job, error) {
    await recordAudit({ event: 'admin.job_finished', actorUserId: job.createdBy, detail: { job: job.id, kind: 'import', error } });
  },
};
