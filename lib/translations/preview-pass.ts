import { z } from 'zod';
import { open, seal } from '@/lib/crypto';
import { env } from '@/lib/env';
import { TRANSLATION_PREVIEW_MINUTES } from '@/lib/policy';

/** The query parameter that carries a pass in the address of a page previewed with drafts. */
export const PREVIEW_PARAMETER = 'translation-preview';
/** The request header the request filter hands the pass on in, to the page's message loader. */
export const PREVIEW_HEADER = 'x-sesame-translation-preview';
/**
 * The request header the request filter hands the framing browser's session cookie on in: a
 * visitor's page is rendered without the editor's cookies, yet the pass counts only in the
 * browser of the session it was made for.
 */
export const PREVIEW_SESSION_HEADER = 'x-sesame-translation-preview-session';

const PURPOSE = 'translation-preview';

const contents = z.object({
  userId: z.string().min(1).max(100),
  // The editor's session: a copied or forwarded address shows nothing in another browser.
  sessionId: z.string().min(1).max(100),
  // A visitor's page (sign-in, recovery, help) is previewed as a visitor sees it, without the
  // editor's session; account and admin pages need it.
  visitor: z.boolean(),
  expiresAt: z.number().int(),
});

export type PreviewPass = z.infer<typeof contents>;

/**
 * A sealed pass for one editor's session: frames of that session's browser show the editor's
 * drafts on pages for a while.
 */
export function issuePreviewPass(session: { userId: string; sessionId: string }, visitor: boolean, now = Date.now()): string {
  return seal({ ...session, visitor, expiresAt: now + TRANSLATION_PREVIEW_MINUTES * 60_000 } satisfies PreviewPass, env().AUTH_SECRET, PURPOSE);
}

/** The pass's contents, or null when it is missing, forged, tampered with or past its time. */
export function readPreviewPass(value: string | null | undefined, now = Date.now()): PreviewPass | null {
  if (!value || value.length > 1000) return null;
  try {
    const pass = contents.parse(open(value, env().AUTH_SECRET, PURPOSE));
    return pass.expiresAt > now ? pass : null;
  } catch {
    return null;
  }
}
