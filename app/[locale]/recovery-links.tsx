import { getTranslations } from 'next-intl/server';
import type { AppLocale } from '@/lib/i18n/routing';

/** The way back, and the guide, under every recovery form. */
export async function RecoveryLinks({ locale, extra }: { locale: AppLocale; extra?: { href: string; label: string } }) {
  const t = await getTranslations({ locale, namespace: 'Recovery' });
  return (
    <ul className="help-links">
      {extra && (
        <li>
          <a href={extra.href}>{extra.label}</a>
        </li>
      )}
      <li>
        <a href={`/${locale}/login`}>{t('backToSignIn')}</a>
      </li>
      <li>
        <a href={`/${locale}/help/cant-sign-in`}>{t('cantSignIn')}</a>
      </li>
    </ul>
  );
}
