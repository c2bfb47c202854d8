import { vi } from 'vitest';

// Imported first by a test file that calls server actions as plain functions: the Auth.js
// session, the request's cookies and headers, and next-intl's server translator come from
// `server-action-context.ts` instead of a Next.js request.

vi.mock('@/auth', async () => {
  const { requestState } = await import('./server-action-context');
  return { auth: async () => (requestState.sessionToken ? { sid: requestState.sessionToken } : null) };
});
vi.mock('next/headers', async () => {
  const { cookieJar } = await import('./server-action-context');
  return { cookies: async () => cookieJar, headers: async () => new Headers({ 'user-agent': 'vitest' }) };
});
vi.mock('next-intl/server', async () => {
  const { createFormatter, createTranslator } = await import('use-intl/core');
  const { missingMessages } = await import('./server-action-context');
  const messages = { en: (await import('@/messages/en.json')).default, fr: (await import('@/messages/fr.json')).default };
  return {
    getTranslations: async ({ locale, namespace }: { locale: 'en' | 'fr'; namespace?: string }) =>
      createTranslator({ locale, messages: messages[locale], namespace: namespace as never, onError: (error) => void missingMessages.push(error.message) }),
    getFormatter: async ({ locale }: { locale: 'en' | 'fr' }) => createFormatter({ locale, timeZone: 'UTC' }),
  };
});
