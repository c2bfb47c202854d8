import 'server-only';
import { csvRow } from '@/lib/csv/write';
import { recordAudit } from '@/lib/db/audit';
import { can, type Actor } from '@/lib/permissions/can';
import { nextFilteredUsers, type UserListFilter } from './user-filter-rows';

// The import's columns, so that an export can be edited and imported again.
const COLUMNS = ['email', 'username', 'phone', 'name', 'role', 'team', 'locale', 'state'] as const;
const PAGE_SIZE = 1000;

/**
 * The filter's accounts in `actor`'s reach as CSV, streamed a thousand rows at a time by id:
 * a million accounts never sit in memory, and a client that stops reading stops the queries.
 * Audited when it starts; null when the actor may not export.
 */
export async function exportUsersCsv(actor: Actor, filter: UserListFilter, request: { ip: string | null }): Promise<ReadableStream<Uint8Array> | null> {
  if (!can(actor, 'users.export')) return null;
  await recordAudit({
    event: 'admin.users_exported',
    actorUserId: actor.id,
    ip: request.ip,
    detail: { search: filter.search ?? null, state: filter.state ?? null, team: filter.teamId ?? null },
  });
  const encoder = new TextEncoder();
  let afterId: string | null = null;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvRow([...COLUMNS])));
        return;
      }
      const rows = await nextFilteredUsers(actor, 'users.export', filter, { afterId, limit: PAGE_SIZE });
      if (rows.length > 0) {
        controller.enqueue(encoder.encode(rows.map((row) => csvRow(COLUMNS.map((column) => row[column] ?? ''))).join('')));
        afterId = rows.at(-1)!.id;
      }
      if (rows.length < PAGE_SIZE) controller.close();
    },
  });
}
