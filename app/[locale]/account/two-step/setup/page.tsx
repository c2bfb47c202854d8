import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { passwordToggleText } from '@/components/form-text';
import { SingleFieldForm } from '@/components/single-field-form';
import { groupSecret, startAuthenticatorSetup } from '@/lib/account/two-step';
import { requireRecentSession } from '@/lib/auth/current-session';
import type { AppLocale } from '@/lib/i18n/routing';
import { confirmAuthenticatorAction } from '../actions';

type Props = { params: Promise<{ locale: AppLocale }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'TwoStep' }))('setup.title') };
}

/** The QR code and the secret as text; the first code from the app turns it on. */
export default async function AuthenticatorSetupPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const session = await requireRecentSession(locale, '/account/two-step/setup');
  const t = await getTranslations({ locale, namespace: 'TwoStep' });
  const { secret, qrSvg } = await startAuthenticatorSetup(session.user);

  return (
    <section className="card">
      <h1>{t('setup.title')}</h1>
      <ol className="steps">
        <li>{t('setup.install')}</li>
        <li>
          {t('setup.scan')}
          {/* An SVG drawn on the server by the qrcode package from our own otpauth:// address. */}
          <div className="qr" role="img" aria-label={t('setup.qrLabel')} dangerouslySetInnerHTML={{ __html: qrSvg }} />
          <p>{t('setup.orType')}</p>
          <p>
            <code className="secret" translate="no">
              {groupSecret(secret)}
            </code>
          </p>
        </li>
        <li>{t('setup.enter')}</li>
      </ol>
      <SingleFieldForm
        id="setup"
        locale={locale}
        action={confirmAuthenticatorAction}
        field={{ kind: 'code', name: 'code', numeric: true, autoComplete: 'one-time-code' }}
        text={{ label: t('setup.codeLabel'), hint: t('setup.codeHint'), submit: t('setup.submit'), pending: t('working') }}
        passwordCheck={{ label: t('passwordLabel'), toggle: await passwordToggleText(locale, 'Current') }}
      />
      <ul className="help-links">
        <li>
          <a href={`/${locale}/account/two-step`}>{t('setup.cancel')}</a>
        </li>
      </ul>
    </section>
  );
}
