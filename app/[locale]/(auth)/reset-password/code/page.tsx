import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { CodeForm } from '@/components/recovery/code-form';
import type { AppLocale } from '@/lib/i18n/routing';
import { rememberedIdentifier } from '@/lib/recovery/identifier-cookie';
import { RecoveryLinks } from '../../recovery-links';
import { resetCodeAction } from './actions';

type Props = { params: Promise<{ locale: AppLocale }>; searchParams: Promise<{ sent?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'ForgotPassword' }))('codeTitle') };
}

export default async function ResetCodePage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { sent } = await searchParams;
  const t = await getTranslations({ locale, namespace: 'ForgotPassword' });
  return (
    <section className="card">
      <h1>{t('codeTitle')}</h1>
      {sent && (
        <p className="notice" role="status">
          {t('sent')}
        </p>
      )}
      <p>{t('codeIntro')}</p>
      <CodeForm action={resetCodeAction} submitLabel={t('codeSubmit')} defaultIdentifier={await rememberedIdentifier()} />
      <RecoveryLinks locale={locale} extra={{ href: `/${locale}/forgot-password`, label: t('askAgain') }} />
    </section>
  );
}
