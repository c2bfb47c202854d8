import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { safeCallbackPath } from '@/lib/auth/redirects';
import { redirect } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import type { CompanySignInProblem } from '@/lib/sso/company-sign-in';
import { companySignInFor, domainOf } from '@/lib/auth/sso-domain-policy';

const problems = ['ended', 'refused', 'unverified', 'otherDomain', 'noAccount', 'otherIdentity', 'deactivated', 'unavailable'] as const satisfies readonly CompanySignInProblem[];
const isProblem = (value: unknown): value is CompanySignInProblem => (problems as readonly unknown[]).includes(value);

type Props = {
  params: Promise<{ locale: AppLocale }>;
  searchParams: Promise<{ identifier?: string; callbackUrl?: string; problem?: string; from?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'CompanySignIn' }))('title') };
}

/**
 * Between the sign-in page and a company's provider: where the person is going and why,
 * before they leave the site; and, when they come back without signing in, what happened.
 */
export default async function CompanySignInPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const query = await searchParams;
  const t = await getTranslations({ locale, namespace: 'CompanySignIn' });
  const help = (
    <ul className="help-links">
      <li>
        <a href={`/${locale}/login`}>{t('otherAccount')}</a>
      </li>
      <li>
        <a href={`/${locale}/help/cant-sign-in#company`}>{t('cantSignIn')}</a>
      </li>
    </ul>
  );

  if (isProblem(query.problem)) {
    return (
      <section className="card">
        <h1>{t('problemTitle')}</h1>
        <p role="alert">{t(`problems.${query.problem}`)}</p>
        {help}
      </section>
    );
  }

  const identifier = typeof query.identifier === 'string' && query.identifier.length <= 254 ? query.identifier : '';
  const company = identifier ? await companySignInFor(identifier) : null;
  if (!company) return redirect({ href: '/login', locale });
  const callbackUrl = safeCallbackPath(query.callbackUrl, locale);
  const start = `/api/sso/start?${new URLSearchParams({ identifier, locale, callbackUrl })}`;
  const passwordInstead = `/${locale}/login?${new URLSearchParams({ password: identifier, callbackUrl })}`;
  return (
    <section className="card stack">
      <h1>{t('heading', { company: company.name })}</h1>
      {query.from === 'recovery' && company.mode === 'enforce' && <p className="notice" role="status">{t('noReset', { company: company.name })}</p>}
      <p>{t('why', { company: company.name, domain: domainOf(identifier) ?? '' })}</p>
      <p>{t('where', { host: company.host })}</p>
      <a className="button" href={start}>
        {t('continue', { company: company.name })}
      </a>
      {company.mode === 'allow' && (
        <p>
          <a href={passwordInstead}>{t('passwordInstead')}</a>
        </p>
      )}
      {help}
    </section>
  );
}
