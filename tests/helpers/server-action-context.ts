import { vi } from 'vitest';

/**
 * What a server action reads from its request, for calling actions as plain functions: the
 * Auth.js session token, the cookies and the headers. Install with `vi.mock` in the test file
 * (vi.mock calls are hoisted, so they must name this module's exports themselves).
 */
export const requestState: { sessionToken: string | null; cookies: Map<string, string> } = { sessionToken: null, cookies: new Map() };

/** What the site's words lacked when an action asked for them (the translator's errors), for tests to read. */
export const missingMessages: string[] = [];

export const cookieJar = {
  get: (name: string) => (requestState.cookies.has(name) ? { name, value: requestState.cookies.get(name)! } : undefined),
  // With a session, the browser carries Auth.js's cookie too (what `auth()` reads is mocked apart).
  getAll: () => [
    ...(requestState.sessionToken ? [{ name: 'authjs.session-token', value: 'sealed by Auth.js' }] : []),
    ...[...requestState.cookies].map(([name, value]) => ({ name, value })),
  ],
  set: (name: string, value: string) => {
    if (value === '') requestState.cookies.delete(name);
    else requestState.cookies.set(name, value);
  },
  delete: (name: string) => requestState.cookies.delete(name),
};

/** How Next.js answered an action: a redirect (and where), "not found", or a returned result. */
export type Answer = { kind: 'redirect'; to: string } | { kind: 'notFound' } | { kind: 'result'; value: unknown };

export async function answerOf(call: () => Promise<unknown>): Promise<Answer> {
  try {
    return { kind: 'result', value: await call() };
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? '';
    if (digest.startsWith('NEXT_REDIRECT')) return { kind: 'redirect', to: digest.split(';')[2] ?? '' };
    if (digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;404')) return { kind: 'notFound' };
    throw error;
  }
}

export function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) data.append(name, one);
  return data;
}

export const resetRequestState = () => {
  requestState.sessionToken = null;
  missingMessages.length = 0;
  requestState.cookies.clear();
  vi.clearAllMocks();
};
