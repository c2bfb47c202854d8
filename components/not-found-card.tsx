import { getTranslations } from 'next-intl/server';
import type { AppLocale } from '@/lib/i18n/routing';

export async function NotFoundCard({ locale }: { locale: AppLocale }) {
  const t = await getTranslations({ locale, namespace: 'NotFound' });
  return (
    <section className="card">
      <h1>{t('title')}</h1>
      <p>{t('body')}</p>
      <p>
        <a href={`/${locale}/login`}>{t('home')}</a>
      </p>
    </section>
  );
}
