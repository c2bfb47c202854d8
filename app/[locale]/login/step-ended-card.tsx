import { getTranslations } from 'next-intl/server';
import type { AppLocale } from '@/lib/i18n/routing';

/** A sign-in stage whose challenge is gone (expired, spent, ended by a change): start again. */
export async function StepEndedCard({ locale, step }: { locale: AppLocale; step: 'Verify' | 'NewPassword' }) {
  const t = await getTranslations({ locale, namespace: step });
  return (
    <section className="card">
      <h1>{t('endedTitle')}</h1>
      <p>{t('ended')}</p>
      <p>
        <a href={`/${locale}/login`}>{t('signInAgain')}</a>
      </p>
    </section>
  );
}
