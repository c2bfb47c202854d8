import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { env } from '@/lib/env';
import type { AppLocale } from '@/lib/i18n/routing';

type Props = { params: Promise<{ locale: AppLocale }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'CantSignIn' }))('title') };
}

/** Every reason a sign-in fails, in the words the sign-in page uses, with the fix beside it. */
export default async function CantSignInPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'CantSignIn' });
  const link = (path: string, label: string) => ({ path, label });
  const cases = [
    { id: 'wrong', body: t('wrong'), title: t('wrongTitle'), actions: [link('/forgot-password', t('wrongAction')), link('/magic-link', t('magicAction'))] },
    { id: 'locked', body: t('locked', { minutes: env().LOCKOUT_MINUTES }), title: t('lockedTitle'), actions: [link('/forgot-password', t('wrongAction'))] },
    { id: 'deactivated', body: t('deactivated'), title: t('deactivatedTitle'), actions: [] },
    { id: 'pending', body: t('pending'), title: t('pendingTitle'), actions: [link('/activate', t('pendingAction'))] },
    { id: 'company', body: t('company'), title: t('companyTitle'), actions: [link('/login', t('companyAction'))] },
    { id: 'two-step', body: t('twoStep'), title: t('twoStepTitle'), actions: [] },
    { id: 'no-email', body: t('noEmail'), title: t('noEmailTitle'), actions: [] },
    { id: 'browser', body: t('browser'), title: t('browserTitle'), actions: [] },
  ];
  return (
    <section className="card guide">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {cases.map((item) => (
        <section key={item.id} id={item.id} aria-labelledby={`${item.id}-title`}>
          <h2 id={`${item.id}-title`}>{item.title}</h2>
          <p>{item.body}</p>
          {item.actions.map((action) => (
            <p key={action.path}>
              <a href={`/${locale}${action.path}`}>{action.label}</a>
            </p>
          ))}
        </section>
      ))}
    </section>
  );
}
