import { getLocale, getTranslations } from 'next-intl/server';
import { Link } from '@/lib/i18n/navigation';

export default async function NotFound() {
  const locale = await getLocale();
  const t = await getTranslations({ locale, namespace: 'NotFound' });
  return (
    <section className="card">
      <h1>{t('title')}</h1>
      <p>{t('body')}</p>
      <p>
        <Link href="/login">{t('home')}</Link>
      </p>
    </section>
  );
}
