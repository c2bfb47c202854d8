import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { codeFormText, phoneRegionOptions } from '@/components/form-text';
import { CodeForm } from '@/components/recovery/code-form';
import type { AppLocale } from '@/lib/i18n/routing';
import { RecoveryLinks } from '../../recovery-links';
import { accessCodeAction } from './actions';

type Props = { params: Promise<{ locale: AppLocale }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'ForgotPassword' }))('accessCodeTitle') };
}

/** Where someone without email redeems the access code an admin or manager gave them. */
export default async function AccessCodePage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'ForgotPassword' });
  return (
    <section className="card">
      <h1>{t('accessCodeTitle')}</h1>
      <p>{t('accessCodeIntro')}</p>
      <CodeForm
        locale={locale}
        kind="access"
        action={accessCodeAction}
        text={await codeFormText(locale, t('accessCodeSubmit'), 'access')}
        phoneRegion={await phoneRegionOptions(locale)}
        defaultIdentifier=""
      />
      <RecoveryLinks locale={locale} extra={{ href: `/${locale}/forgot-password`, label: t('title') }} />
    </section>
  );
}
