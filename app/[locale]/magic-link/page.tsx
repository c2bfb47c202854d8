import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { identifierRequestText, phoneRegionOptions } from '@/components/form-text';
import { IdentifierRequestForm } from '@/components/recovery/identifier-request-form';
import type { AppLocale } from '@/lib/i18n/routing';
import { RecoveryLinks } from '../recovery-links';
import { requestMagicLinkAction } from './actions';

type Props = { params: Promise<{ locale: AppLocale }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'MagicLink' }))('title') };
}

export default async function MagicLinkPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'MagicLink' });
  return (
    <section className="card">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <IdentifierRequestForm
        locale={locale}
        phoneRegion={await phoneRegionOptions(locale)}
        action={requestMagicLinkAction}
        text={await identifierRequestText(locale, t('submit'))}
      />
      <RecoveryLinks locale={locale} />
    </section>
  );
}
