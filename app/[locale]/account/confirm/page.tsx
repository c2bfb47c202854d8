import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { passwordToggleText } from '@/components/form-text';
import { SingleFieldForm } from '@/components/single-field-form';
import { requireSession } from '@/lib/auth/current-session';
import { safeCallbackPath } from '@/lib/auth/redirects';
import type { AppLocale } from '@/lib/i18n/routing';
import { confirmSessionAction } from './actions';

type Props = { params: Promise<{ locale: AppLocale }>; searchParams: Promise<{ next?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'Confirm' }))('title') };
}

export default async function ConfirmPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const next = safeCallbackPath((await searchParams).next, locale);
  await requireSession(locale, { pathname: '/account/confirm', query: { next } });
  const t = await getTranslations({ locale, namespace: 'Confirm' });
  return (
    <section className="card">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <SingleFieldForm
        id="confirm"
        locale={locale}
        action={confirmSessionAction}
        field={{ kind: 'password', name: 'password', toggle: await passwordToggleText(locale, 'Current') }}
        hidden={{ next }}
        text={{ label: t('label'), submit: t('submit'), pending: t('checking') }}
        autoFocus
      />
      <ul className="help-links">
        <li>
          <a href={`/${locale}/account`}>{t('cancel')}</a>
        </li>
      </ul>
    </section>
  );
}
