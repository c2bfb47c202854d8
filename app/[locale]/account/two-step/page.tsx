import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { passwordToggleText } from '@/components/form-text';
import { ChangeButtonForm } from '@/components/account/change-button-form';
import { SingleFieldForm } from '@/components/single-field-form';
import { twoStepIsOn, twoStepStatus } from '@/lib/account/two-step';
import { requireSession } from '@/lib/auth/current-session';
import type { AppLocale } from '@/lib/i18n/routing';
import { enableEmailCodesAction, regenerateCodesAction, turnOffTwoStepAction } from './actions';

type Props = { params: Promise<{ locale: AppLocale }>; searchParams: Promise<{ done?: string; required?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'TwoStep' }))('title') };
}

export default async function TwoStepPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { done, required } = await searchParams;
  const session = await requireSession(locale, '/account/two-step');
  const t = await getTranslations({ locale, namespace: 'TwoStep' });
  const status = await twoStepStatus(session.user.id);
  const email = session.user.emailOtpEnabled;
  const on = twoStepIsOn(session.user);
  const passwordCheck = { label: t('passwordLabel'), toggle: await passwordToggleText(locale, 'Current') };

  return (
    <section className="card">
      <h1>{t('title')}</h1>
      {(done === 'enabled' || done === 'disabled') && (
        <p className="notice" role="status">
          {t(`done.${done}`)}
        </p>
      )}
      {required === 'admin' && !twoStepIsOn(session.user) && (
        <p className="notice" role="status">
          {t('requiredForAdmin')}
        </p>
      )}
      <p>{t('intro')}</p>
      <p className="status">{on ? t('statusOn') : t('statusOff')}</p>

      <section aria-labelledby="app-title" className="stack">
        <h2 id="app-title">{t('app.title')}</h2>
        <p>{status.authenticator ? t('app.on') : t('app.off')}</p>
        <p>
          <a href={`/${locale}/account/two-step/setup`}>{status.authenticator ? t('app.replace') : t('app.setUp')}</a>
        </p>
      </section>

      <section aria-labelledby="email-title" className="stack">
        <h2 id="email-title">{t('email.title')}</h2>
        <p>{email ? t('email.on') : t('email.off')}</p>
        {!email && (
          <ChangeButtonForm id="email-on" locale={locale} action={enableEmailCodesAction} passwordCheck={passwordCheck}>
            {t('email.turnOn')}
          </ChangeButtonForm>
        )}
      </section>

      {on && (
        <section aria-labelledby="codes-title" className="stack">
          <h2 id="codes-title">{t('codes.title')}</h2>
          <p>{t('codes.count', { count: status.unusedRecoveryCodes })}</p>
          <ChangeButtonForm id="codes" locale={locale} action={regenerateCodesAction} passwordCheck={passwordCheck}>
            {t('codes.regenerate')}
          </ChangeButtonForm>
        </section>
      )}

      {on && (
        <section aria-labelledby="off-title" className="stack">
          <h2 id="off-title">{t('off.title')}</h2>
          <p>{t('off.intro')}</p>
          <SingleFieldForm
            id="off"
            locale={locale}
            action={turnOffTwoStepAction}
            field={{ kind: 'password', name: 'password', toggle: passwordCheck.toggle }}
            text={{ label: passwordCheck.label, submit: t('off.submit'), pending: t('working') }}
          />
        </section>
      )}
      <ul className="help-links">
        <li>
          <a href={`/${locale}/account`}>{t('back')}</a>
        </li>
      </ul>
    </section>
  );
}
