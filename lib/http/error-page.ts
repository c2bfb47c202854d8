import { createTranslator } from 'use-intl/core';
import { escapeHtml } from '@/lib/escape-html';
import { currentMessages } from '@/lib/i18n/message-cache';
import type { AppLocale } from '@/lib/i18n/routing';
import type { RequestProblem } from './request-guard';

// The page is answered before Next.js renders anything, so it carries its own few styles.
const STYLE = `body{margin:0;font-family:system-ui,sans-serif;color:#1d2433;background:#f6f7fb}
header{padding:.75rem 1.5rem;background:#fff;border-bottom:1px solid #8a93a6;font-weight:700;color:#2448ad}
main{max-width:36rem;margin:2rem auto;padding:1.5rem 1.75rem;background:#fff;border:1px solid #8a93a6;border-radius:12px}
a{color:#2448ad}`;

/**
 * The answer to an address in a language the site does not have ("/de/login"): the not-found
 * page in every language it has, each marked with its own, and nothing taken from the request.
 */
export function renderForeignNotFoundPage(locales: readonly AppLocale[], nonce: string): string {
  const [first] = locales;
  const sections = locales.map((locale) => {
    const { NotFound, Metadata } = currentMessages(locale);
    return { locale, title: NotFound.title, home: NotFound.home, siteName: Metadata.siteName };
  });
  const title = sections.map((section) => section.title).join(' · ');
  return `<!doctype html><html lang="${first}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style nonce="${nonce}">${STYLE}</style></head>
<body><header>${escapeHtml(sections[0]!.siteName)}</header><main>${sections
    .map(
      (section) =>
        `<section lang="${section.locale}"><h1>${escapeHtml(section.title)}</h1><p><a href="/${section.locale}/login">${escapeHtml(section.home)}</a></p></section>`,
    )
    .join('')}</main></body></html>`;
}

/** A complete, localized page for a request refused by the proxy. */
export function renderRequestErrorPage(locale: AppLocale, problem: RequestProblem, nonce: string): string {
  const messages = currentMessages(locale);
  const t = createTranslator({ locale, messages, namespace: 'RequestErrors' });
  const siteName = messages.Metadata.siteName;
  const title = t(`${problem}.title`);
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${title} · ${siteName}`)}</title><style nonce="${nonce}">${STYLE}</style></head>
<body><header>${escapeHtml(siteName)}</header><main><h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(t(`${problem}.body`))}</p><p><a href="/${locale}/login">${escapeHtml(t('back'))}</a></p></main></body></html>`;
}

/**
 * The answer while the database is out of reach: a complete page in the address's language,
 * in the last words this process knew, that needs neither the database nor a script.
 */
export function renderUnavailablePage(locale: AppLocale, nonce: string, requestId: string | null = null): string {
  const messages = currentMessages(locale);
  const t = createTranslator({ locale, messages, namespace: 'Unavailable' });
  const siteName = messages.Metadata.siteName;
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${t('title')} · ${siteName}`)}</title><style nonce="${nonce}">${STYLE}</style></head>
<body><header>${escapeHtml(siteName)}</header><main><h1>${escapeHtml(t('title'))}</h1>
<p>${escapeHtml(t('body'))}</p>${
    requestId ? `<p>${escapeHtml(createTranslator({ locale, messages, namespace: 'Error' })('reference', { id: requestId }))}</p>` : ''
  }</main></body></html>`;
}
