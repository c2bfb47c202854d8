import { connection } from 'next/server';
import { getLocale, getTranslations } from 'next-intl/server';
import { NotFoundCard } from '@/components/not-found-card';
import { PageFrame } from '@/components/page-frame';

/**
 * Every unknown address, rendered on the server in the language of its prefix (/fr/… in
 * French; anything else in English). Unknown paths are deliberately not caught by a page
 * under [locale]: Next.js 16 renders a notFound() thrown from a dynamic page as an empty
 * document filled in by JavaScript, while this route is rendered whole, with a 404.
 * A global not-found rather than app/not-found.tsx: Next.js renders a segment's not-found
 * element with every page of the segment, so the root one put this whole page, frame and all,
 * into the payload of every page of the site; this one is rendered only when nothing matched.
 */
export default async function NotFound() {
  await connection();
  const locale = await getLocale();
  const t = await getTranslations({ locale, namespace: 'NotFound' });
  const meta = await getTranslations({ locale, namespace: 'Metadata' });
  return (
    <PageFrame locale={locale}>
      <title>{`${t('title')} · ${meta('siteName')}`}</title>
      <NotFoundCard locale={locale} />
    </PageFrame>
  );
}
