import 'server-only';
import { headers } from 'next/headers';
import { sessionTokenIn } from '@/lib/auth/session-token';
import { findLiveSession } from '@/lib/db/sessions';
import { findUserById } from '@/lib/db/users';
import { env } from '@/lib/env';
import { can } from '@/lib/permissions/can';
import { PREVIEW_HEADER, PREVIEW_SESSION_HEADER, readPreviewPass } from './preview-pass';

/**
 * Whether this page is rendered for an editor's preview frame, with the drafts. The pass alone
 * is not enough: it must come with the session cookie of the browser it was made for, that
 * session must still be live, and its editor must still be allowed to edit translations now.
 */
export async function previewingDrafts(): Promise<boolean> {
  const list = await headers();
  const pass = readPreviewPass(list.get(PREVIEW_HEADER));
  if (!pass) return false;
  const token = await sessionTokenIn(list.get(PREVIEW_SESSION_HEADER));
  const session = token ? await findLiveSession(token, env().SESSION_IDLE_MINUTES) : undefined;
  if (!session || session.id !== pass.sessionId || session.userId !== pass.userId) return false;
  return can((await findUserById(pass.userId)) ?? null, 'translations.edit');
}
