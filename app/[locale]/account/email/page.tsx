import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { SingleFieldForm } from '@/components/single-field-form';
import { pendingEmailChange } from '@/lib/account/email-change';
import { requireRecentSession } from '@/lib/auth/current-session';
import type { AppLocale } from '@/lib/i18n/routing';
import { confirmEmailCodeAction, requestEmailChangeAction } from './actions';

type Props = { params: Promise<{ locale: AppLocale }>; searchParams: Promise<{ sent?: string; done?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'EmailChange' }))('title') };
}

export default async function EmailChangePage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const query = await searchParams;
  const session = await requireRecentSession(locale, '/account/email');
  const t = await getTranslations({ locale, namespace: 'EmailChange' });
  const pending = await pendingEmailChange(session.user.id);

  return (
    <section className="card">
      <h1>{t('title')}</h1>
      <div role="status">
        {query.done && <p className="notice">{t('done', { email: session.user.email })}</p>}
        {query.sent && pending && <p className="notice">{t('sent', { email: pending })}</p>}
      </div>
      <dl className="details">
        <div>
          <dt>{t('current')}</dt>
          <dd>{session.user.email}</dd>
        </div>
      </dl>
      {pending && (
        <section aria-labelledby="code-title" className="stack">
          <h2 id="code-title">{t('waiting', { email: pending })}</h2>
          <SingleFieldForm
            id="code"
            locale={locale}
            action={confirmEmailCodeAction}
            field={{ kind: 'code', name: 'code', numeric: true, autoComplete: 'one-time-code' }}
            text={{ label: t('codeLabel'), hint: t('codeHint'), submit: t('codeSubmit'), pending: t('checking') }}
          />
        </section>
      )}
      <p>{t('intro')}</p>
      <SingleFieldForm
        id="email"
        locale={locale}
        action={requestEmailChangeAction}
        field={{ kind: 'email', name: 'email' }}
        text={{ label: t('newLabel'), submit: t('submit'), pending: t('pending') }}
      />
      <ul className="help-links">
        <li>
          <a href={`/${locale}/account`}>{t('back')}</a>
        </li>
      </ul>
    </section>
  );
}
