import 'server-only';
import { recordAudit } from '@/lib/db/audit';
import { db } from '@/lib/db/client';
import { deleteConnection, domainsTakenByOthers, findConnection, listConnections, saveConnection } from '@/lib/db/sso';
import { teamsInScope } from '@/lib/admin/users-in-scope';
import type { Actor } from '@/lib/permissions/can';
import { can } from '@/lib/permissions/can';
import { sealClientSecret, openClientSecret } from '@/lib/sso/client-secret';
import { checkConnectionForm, type ConnectionForm, type ConnectionProblem } from '@/lib/sso/connection-input';
import { testProvider, type ConnectionCheck } from '@/lib/sso/provider';

type Request = { ip: string | null };

export async function connectionsFor(actor: Actor) {
  return can(actor, 'sso.manage') ? listConnections() : null;
}

/** A connection as its edit form shows it: never the client secret. */
export async function connectionFor(actor: Actor, id: string) {
  if (!can(actor, 'sso.manage')) return null;
  const connection = await findConnection(id);
  if (!connection) return null;
  const { clientSecretSealed: _secret, ...shown } = connection;
  return shown;
}

export type SaveResult = { ok: true; id: string } | { ok: false; problems: ConnectionProblem[] } | { ok: false; problems: 'forbidden' | 'notFound' };

/** Creates (id null) or updates a connection; its domains move to it only if no other has them. */
export async function saveConnectionByAdmin(actor: Actor, id: string | null, form: ConnectionForm, request: Request): Promise<SaveResult> {
  if (!can(actor, 'sso.manage')) return { ok: false, problems: 'forbidden' };
  const teams = await teamsInScope(actor);
  const checked = checkConnectionForm(form, { isNew: id === null, teamIds: teams.map((team) => team.id) });
  if (!checked.ok) return checked;
  const { clientSecret, domains, ...values } = checked.value;
  return db().transaction(async (tx) => {
    const taken = await domainsTakenByOthers(domains, id, tx);
    if (taken.length > 0) return { ok: false as const, problems: [{ field: 'domains' as const, code: 'taken' as const, domains: taken }] };
    const saved = await saveConnection(id, { ...values, ...(clientSecret ? { clientSecretSealed: sealClientSecret(clientSecret) } : {}) }, domains, tx);
    if (!saved) return { ok: false as const, problems: 'notFound' as const };
    await recordAudit({
      event: 'admin.sso_connection_saved',
      actorUserId: actor.id,
      ip: request.ip,
      detail: { connection: values.name, domains: domains.join(' '), mode: values.mode, createAccounts: values.createAccounts, secretChanged: !!clientSecret },
    }, tx);
    return { ok: true as const, id: saved };
  });
}

export async function deleteConnectionByAdmin(actor: Actor, id: string, request: Request): Promise<boolean> {
  if (!can(actor, 'sso.manage')) return false;
  return db().transaction(async (tx) => {
    const name = await deleteConnection(id, tx);
    if (name === null) return false;
    await recordAudit({ event: 'admin.sso_connection_deleted', actorUserId: actor.id, ip: request.ip, detail: { connection: name } }, tx);
    return true;
  });
}

/** "Test this connection", on what is saved. */
export async function testConnectionByAdmin(actor: Actor, id: string): Promise<ConnectionCheck | null> {
  if (!can(actor, 'sso.manage')) return null;
  const connection = await findConnection(id);
  if (!connection) return null;
  return testProvider({ issuer: connection.issuer, clientId: connection.clientId, clientSecret: openClientSecret(connection.clientSecretSealed) });
}
