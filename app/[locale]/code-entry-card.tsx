import { getTranslations } from 'next-intl/server';
import { codeFormText, phoneRegionOptions } from '@/components/form-text';
import { CodeForm } from '@/components/recovery/code-form';
import type { FormResult } from '@/lib/actions/form-result';
import type { AppLocale } from '@/lib/i18n/routing';
import { rememberedIdentifier } from '@/lib/recovery/identifier-cookie';
import { RecoveryLinks } from './recovery-links';

/** "Enter the code from the email", for a reset or a one-time sign-in. */
export async function CodeEntryCard({
  locale,
  flow,
  sent,
  action,
}: {
  locale: AppLocale;
  flow: { namespace: 'ForgotPassword' | 'MagicLink'; askAgainPath: string };
  sent: boolean;
  action: (state: FormResult, form: FormData) => Promise<FormResult>;
}) {
  const t = await getTranslations({ locale, namespace: flow.namespace });
  return (
    <section className="card">
      <h1>{t('codeTitle')}</h1>
      {sent && (
        <p className="notice" role="status">
          {t('sent')}
        </p>
      )}
      <p>{t('codeIntro')}</p>
      <CodeForm
        locale={locale}
        action={action}
        text={await codeFormText(locale, t('codeSubmit'))}
        phoneRegion={await phoneRegionOptions(locale)}
        defaultIdentifier={await rememberedIdentifier()}
      />
      <RecoveryLinks locale={locale} extra={{ href: `/${locale}${flow.askAgainPath}`, label: t('askAgain') }} />
    </section>
  );
}
