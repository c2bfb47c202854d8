import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { CodeForm } from '@/components/recovery/code-form';
import type { AppLocale } from '@/lib/i18n/routing';
import { rememberedIdentifier } from '@/lib/recovery/identifier-cookie';
import { RecoveryLinks } from '../../recovery-links';
import { magicCodeAction } from '../actions';

type Props = { params: Promise<{ locale: AppLocale }>; searchParams: Promise<{ sent?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'MagicLink' }))('codeTitle') };
}

export default async function MagicCodePage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { sent } = await searchParams;
  const t = await getTranslations({ locale, namespace: 'MagicLink' });
  return (
    <section className="card">
      <h1>{t('codeTitle')}</h1>
      {sent && (
        <p className="notice" role="status">
          {t('sent')}
        </p>
      )}
      <p>{t('codeIntro')}</p>
      <CodeForm action={magicCodeAction} submitLabel={t('codeSubmit')} defaultIdentifier={await rememberedIdentifier()} />
      <RecoveryLinks locale={locale} extra={{ href: `/${locale}/magic-link`, label: t('askAgain') }} />
    </section>
  );
}
