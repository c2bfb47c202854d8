import 'server-only';
import { getDbHandle } from '@/lib/db/client';
import { overridesWithDrafts, publishedOverrides, TRANSLATIONS_CHANNEL, translationsVersion } from '@/lib/db/translations';
import { loaded as state, shippedMessages, type Messages } from '@/lib/i18n/message-cache';
import type { AppLocale } from '@/lib/i18n/routing';
import { logger } from '@/lib/observability/logger';

// The one source of every word: the shipped catalogue with the editors' published overrides on
// top (and their drafts, for previews). Pages, emails, the job runners and the CLI all read it.
// Each process keeps the result until something is published: a page render makes no query.

/** How often an instance asks whether it missed a notification. */
const CHECK_SECONDS = 5;

type Override = { locale: AppLocale; key: string; text: string };

/** Where a dotted key leads in the shipped catalogue, if it is one of its messages. */
function isShippedKey(key: string): boolean {
  let node: unknown = shippedMessages('en');
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

/** A copy of the shipped catalogue with `overrides` set; keys the catalogue does not have are ignored. */
function withOverrides(locale: AppLocale, overrides: Override[]): Messages {
  const messages = structuredClone(shippedMessages(locale));
  for (const override of overrides) {
    if (override.locale !== locale || !isShippedKey(override.key)) continue;
    const parts = override.key.split('.');
    const last = parts.pop()!;
    let node = messages as unknown as Record<string, Record<string, unknown>>;
    for (const part of parts) node = node[part] as Record<string, Record<string, unknown>>;
    (node as Record<string, unknown>)[last] = override.text;
  }
  return messages;
}

async function reload(): Promise<void> {
  state.stale = false;
  const [version, overrides] = await Promise.all([translationsVersion(), publishedOverrides()]);
  state.cache = { version, messages: { en: withOverrides('en', overrides), fr: withOverrides('fr', overrides) } };
}

/**
 * The words of `locale` as visitors see them now; with `drafts`, as the editors' preview shows
 * them. When the database cannot be read, the last words known (or the shipped ones) serve:
 * an outage must not take the words of the "unavailable" page with it.
 */
export async function messagesFor(locale: AppLocale, options: { drafts?: boolean } = {}): Promise<Messages> {
  if (options.drafts) return withOverrides(locale, await overridesWithDrafts());
  if (state.stale || !state.cache) {
    state.loading ??= reload().finally(() => (state.loading = undefined));
    try {
      await state.loading;
    } catch (error) {
      state.stale = true;
      logger.error({ err: error }, 'published translations not loaded: the last words known serve');
    }
  }
  return state.cache?.messages[locale] ?? shippedMessages(locale);
}

/** After a change committed in this process: the next read loads the overrides again. */
export function forgetLoadedMessages(): void {
  state.stale = true;
}

/**
 * In a server or worker process: a publish on any instance reaches this one at once through
 * LISTEN, and within CHECK_SECONDS through the version check if a notification was missed
 * (a dropped connection, a restart of the database).
 */
export async function watchPublishedTranslations(): Promise<() => Promise<void>> {
  if (state.watching) return async () => {};
  state.watching = true;
  const unlisten = await getDbHandle().listen(TRANSLATIONS_CHANNEL, forgetLoadedMessages);
  const timer = setInterval(() => {
    if (!state.cache) return;
    translationsVersion().then(
      (version) => {
        if (version !== state.cache?.version) forgetLoadedMessages();
      },
      () => forgetLoadedMessages(),
    );
  }, CHECK_SECONDS * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    state.watching = false;
    await unlisten();
  };
}
