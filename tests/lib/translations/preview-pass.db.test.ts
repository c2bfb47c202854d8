import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db/client';
import { users } from '@/lib/db/schema';
import { previewingDrafts } from '@/lib/translations/preview-access';
import { PREVIEW_HEADER, issuePreviewPass, readPreviewPass } from '@/lib/translations/preview-pass';
import { withMigratedDatabase } from '../../helpers/database';
import { makeUser } from '../../helpers/users';

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => ({ headers: async () => request.headers }));

withMigratedDatabase();

/** The page's message loader, for a frame whose address carries `pass`. */
const framedWith = async (pass: string | null) => {
  request.headers = new Headers(pass === null ? {} : { [PREVIEW_HEADER]: pass });
  return previewingDrafts();
};

describe('the pass a preview frame shows drafts with', () => {
  beforeEach(() => {
    request.headers = new Headers();
  });

  it('shows an editor’s and an admin’s frames the drafts, and nobody else’s page', async () => {
    const editor = await makeUser({ role: 'editor' });
    const admin = await makeUser({ role: 'admin' });
    expect(await framedWith(issuePreviewPass(editor.id, true))).toBe(true);
    expect(await framedWith(issuePreviewPass(admin.id, false))).toBe(true);
    expect(await framedWith(null)).toBe(false);
  });

  it('is refused when minted for someone who may not edit translations, or no longer may', async () => {
    const member = await makeUser();
    const manager = await makeUser({ role: 'manager' });
    const editor = await makeUser({ role: 'editor' });
    const pass = issuePreviewPass(editor.id, true);
    expect(await framedWith(issuePreviewPass(member.id, true))).toBe(false);
    expect(await framedWith(issuePreviewPass(manager.id, true))).toBe(false);

    await db().update(users).set({ role: 'user' }).where(eq(users.id, editor.id));
    expect(await framedWith(pass)).toBe(false);
    await db().update(users).set({ role: 'editor', state: 'deactivated' }).where(eq(users.id, editor.id));
    expect(await framedWith(pass)).toBe(false);
  });

  it('is refused when forged, altered or past its ten minutes', async () => {
    const editor = await makeUser({ role: 'editor' });
    const pass = issuePreviewPass(editor.id, true);
    const [iv, tag, body] = pass.split('.');
    const altered = [iv, tag, `${body!.slice(0, -2)}${body!.endsWith('AA') ? 'BB' : 'AA'}`].join('.');
    expect(await framedWith(altered)).toBe(false);
    expect(await framedWith(JSON.stringify({ userId: editor.id, visitor: true, expiresAt: Date.now() + 60_000 }))).toBe(false);
    expect(readPreviewPass(pass, Date.now() + 9 * 60_000)).toMatchObject({ userId: editor.id, visitor: true });
    expect(readPreviewPass(pass, Date.now() + 11 * 60_000)).toBeNull();
  });
});
