import 'server-only';
import { headers } from 'next/headers';
import { findUserById } from '@/lib/db/users';
import { can } from '@/lib/permissions/can';
import { PREVIEW_HEADER, readPreviewPass } from './preview-pass';

/**
 * Whether this page is rendered for an editor's preview frame, with the drafts. The pass alone
 * is not enough: its editor must still be allowed to edit translations now.
 */
export async function previewingDrafts(): Promise<boolean> {
  const pass = readPreviewPass((await headers()).get(PREVIEW_HEADER));
  if (!pass) return false;
  return can((await findUserById(pass.userId)) ?? null, 'translations.edit');
}
