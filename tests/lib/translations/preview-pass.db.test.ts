import { eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db/client';
import { sessions, users } from '@/lib/db/schema';
import { createSession, deleteSessionByToken } from '@/lib/db/sessions';
import { env } from '@/lib/env';
import { previewingDrafts } from '@/lib/translations/preview-access';
import { PREVIEW_HEADER, PREVIEW_SESSION_HEADER, issuePreviewPass, readPreviewPass } from '@/lib/translations/preview-pass';
import { withMigratedDatabase } from '../../helpers/database';
import { makeUser } from '../../helpers/users';

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => ({ headers: async () => request.headers }));

withMigratedDatabase();

interface Browser {
  userId: string;
  sessionId: string;
  token: string;
  /** Auth.js's cookie, as this browser sends it. */
  cookie: string;
}

/** Someone signed in, in a browser of their own: a live session row and its Auth.js cookie. */
async function signedIn(role: 'user' | 'manager' | 'editor' | 'admin'): Promise<Browser> {
  const { id: userId } = await makeUser({ role });
  const token = await createSession({ userId, ip: null, userAgent: null, absoluteHours: 1 });
  const [row] = await db().select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
  const sealed = await encode({ token: { sid: token }, secret: env().AUTH_SECRET!, salt: 'authjs.session-token' });
  return { userId, sessionId: row!.id, token, cookie: `authjs.session-token=${sealed}` };
}

const passOf = (browser: Browser, visitor = true) => issuePreviewPass({ userId: browser.userId, sessionId: browser.sessionId }, visitor);

/**
 * The page's message loader, for a frame whose address carries `pass`, opened in a browser
 * that sends `cookie` (the request filter hands it on in its own header).
 */
const framedWith = async (pass: string | null, cookie?: string) => {
  request.headers = new Headers({ ...(pass === null ? {} : { [PREVIEW_HEADER]: pass }), ...(cookie ? { [PREVIEW_SESSION_HEADER]: cookie } : {}) });
  return previewingDrafts();
};

describe('the pass a preview frame shows drafts with', () => {
  beforeEach(() => {
    request.headers = new Headers();
  });

  it('shows an editor’s and an admin’s frames the drafts, and nobody else’s page', async () => {
    const editor = await signedIn('editor');
    const admin = await signedIn('admin');
    expect(await framedWith(passOf(editor), editor.cookie)).toBe(true);
    expect(await framedWith(passOf(admin, false), admin.cookie)).toBe(true);
    expect(await framedWith(null, editor.cookie)).toBe(false);
  });

  it('shows nothing when the address is opened in another browser: forwarded, copied or stolen', async () => {
    const editor = await signedIn('editor');
    const stranger = await signedIn('editor');
    const pass = passOf(editor);
    // No session at all (a link forwarded by email), someone else's session, and the same
    // editor's other browser: the pass belongs to one session.
    expect(await framedWith(pass)).toBe(false);
    expect(await framedWith(pass, stranger.cookie)).toBe(false);
    const otherBrowser = await signedIn('editor');
    await db().update(sessions).set({ userId: editor.userId }).where(eq(sessions.id, otherBrowser.sessionId));
    expect(await framedWith(pass, otherBrowser.cookie)).toBe(false);
    // A cookie that is not Auth.js's sealed one.
    expect(await framedWith(pass, `authjs.session-token=${editor.token}`)).toBe(false);
    expect(await framedWith(pass, editor.cookie)).toBe(true);
  });

  it('shows nothing once the editor signed out of that browser', async () => {
    const editor = await signedIn('editor');
    const pass = passOf(editor);
    await deleteSessionByToken(editor.token);
    expect(await framedWith(pass, editor.cookie)).toBe(false);
  });

  it('is refused when minted for someone who may not edit translations, or no longer may', async () => {
    const member = await signedIn('user');
    const manager = await signedIn('manager');
    const editor = await signedIn('editor');
    const pass = passOf(editor);
    expect(await framedWith(passOf(member), member.cookie)).toBe(false);
    expect(await framedWith(passOf(manager), manager.cookie)).toBe(false);

    await db().update(users).set({ role: 'user' }).where(eq(users.id, editor.userId));
    expect(await framedWith(pass, editor.cookie)).toBe(false);
    await db().update(users).set({ role: 'editor', state: 'deactivated' }).where(eq(users.id, editor.userId));
    expect(await framedWith(pass, editor.cookie)).toBe(false);
  });

  it('is refused when forged, altered or past its ten minutes', async () => {
    const editor = await signedIn('editor');
    const pass = passOf(editor);
    const [iv, tag, body] = pass.split('.');
    const altered = [iv, tag, `${body!.slice(0, -2)}${body!.endsWith('AA') ? 'BB' : 'AA'}`].join('.');
    expect(await framedWith(altered, editor.cookie)).toBe(false);
    const forged = JSON.stringify({ userId: editor.userId, sessionId: editor.sessionId, visitor: true, expiresAt: Date.now() + 60_000 });
    expect(await framedWith(forged, editor.cookie)).toBe(false);
    expect(readPreviewPass(pass, Date.now() + 9 * 60_000)).toMatchObject({ userId: editor.userId, visitor: true });
    expect(readPreviewPass(pass, Date.now() + 11 * 60_000)).toBeNull();
  });
});
