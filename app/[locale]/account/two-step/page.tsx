import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { passwordToggleText } from '@/components/form-text';
import { SingleFieldForm } from '@/components/single-field-form';
import { twoStepStatus } from '@/lib/account/two-step';
import { requireSession } from '@/lib/auth/current-session';
import type { AppLocale } from '@/lib/i18n/routing';
import { enableEmailCodesAction, regenerateCodesAction, turnOffTwoStepAction } from './actions';

type Props = { params: Promise<{ locale: AppLocale }>; searchParams: Promise<{ done?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'TwoStep' }))('title') };
}

export default async function TwoStepPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { done } = await searchParams;
  const session = await requireSession(locale, `/${locale}/account/two-step`);
  const t = await getTranslations({ locale, namespace: 'TwoStep' });
  const status = await twoStepStatus(session.user.id);
  const email = session.user.emailOtpEnabled;
  const on = status.authenticator || email;

  return (
    <section className="card">
      <h1>{t('title')}</h1>
      {(done === 'enabled' || done === 'disabled') && (
        <p className="notice" role="status">
          {t(`done.${done}`)}
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
          <form action={enableEmailCodesAction}>
            <input type="hidden" name="locale" value={locale} />
            <button type="submit" className="secondary">
              {t('email.turnOn')}
            </button>
          </form>
        )}
      </section>

      {on && (
        <section aria-labelledby="codes-title" className="stack">
          <h2 id="codes-title">{t('codes.title')}</h2>
          <p>{t('codes.count', { count: status.unusedRecoveryCodes })}</p>
          <form action={regenerateCodesAction}>
            <input type="hidden" name="locale" value={locale} />
            <button type="submit" className="secondary">
              {t('codes.regenerate')}
            </button>
          </form>
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
            field={{ kind: 'password', name: 'password', toggle: await passwordToggleText(locale, 'Current') }}
            text={{ label: t('off.passwordLabel'), submit: t('off.submit'), pending: t('working') }}
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
