import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { getCurrentSession } from '@/lib/auth/current-session';
import { passwordToggleText, phoneRegionOptions } from '@/components/form-text';
import { safeCallbackPath } from '@/lib/auth/redirects';
import type { AppLocale } from '@/lib/i18n/routing';
import { PasskeySignIn } from '@/components/passkeys/passkey-sign-in';
import { passkeySignInOptions } from '@/lib/passkeys/passkey-sign-in';
import { siteDefaultRegion } from '@/lib/phone/default-region';
import { companySignInFor } from '@/lib/auth/sso-domain-policy';
import { passkeySignInOptionsAction, signInWithPasskeyAction } from './actions';
import { LoginForm } from './login-form';

// Marks where the identifier goes in the sentence, which the browser completes.
const PLACE = '\u0000';
// The sentence with a placeholder is the same for every request until an editor changes its
// words, and formatting it compiled the ICU message on every request (seen in profiles).
const sentences = new Map<string, [string, string]>();

function signingInAs(locale: AppLocale, t: Awaited<ReturnType<typeof getTranslations<'Login'>>>): [string, string] {
  const key = `${locale}\u0000${t.raw('signingInAs')}`;
  let parts = sentences.get(key);
  if (!parts) {
    const [before = '', after = ''] = t('signingInAs', { identifier: PLACE }).split(PLACE);
    parts = [before, after];
    // Drafts previewed by editors add their own words: the memory stays small.
    if (sentences.size >= 64) sentences.clear();
    sentences.set(key, parts);
  }
  return parts;
}

/** The options the browser needs, without the empty fields the library adds (each weighs on the page). */
function suggestionOptions({ rpId, challenge, timeout, userVerification }: Awaited<ReturnType<typeof passkeySignInOptions>>) {
  return { rpId, challenge, timeout, userVerification };
}

/** An address whose company allows passwords too: its password step, asked for by name. */
async function passwordStepFor(address: string | undefined) {
  if (!address || address.length > 254) return undefined;
  const company = await companySignInFor(address);
  return company?.mode === 'allow' ? { identifier: address, phoneRegion: siteDefaultRegion() } : undefined;
}

// Each notice the address can ask for, in the order they show. A list rather than one
// condition each: the page's payload carried a placeholder for every notice not shown.
const NOTICES = [
  ['signedOut', 'signedOut'],
  ['ended', 'sessionEnded'],
  ['reset', 'passwordReset'],
  ['activated', 'activated'],
  ['verifyEnded', 'verifyEnded'],
] as const;

type Props = {
  params: Promise<{ locale: AppLocale }>;
  searchParams: Promise<{
    callbackUrl?: string;
    ended?: string;
    signedOut?: string;
    reset?: string;
    activated?: string;
    verifyEnded?: string;
    /** "Use my password instead" of a company sign-in that allows both. */
    password?: string;
  }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: 'Login' });
  return { title: t('title') };
}

export default async function LoginPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const query = await searchParams;
  const destination = safeCallbackPath(query.callbackUrl, locale);
  if (await getCurrentSession()) redirect(destination);
  // Only a destination the address asked for travels with the forms; the actions know the default.
  const callbackUrl = query.callbackUrl ? destination : undefined;
  const t = await getTranslations({ locale, namespace: 'Login' });

  return (
    <section className="card">
      <h1>{t('title')}</h1>
      {NOTICES.filter(([parameter]) => query[parameter]).map(([parameter, key]) => (
        <p key={parameter} className="notice" role="status">
          {t(key)}
        </p>
      ))}
      <p>{t('intro')}</p>
      <LoginForm
        locale={locale}
        callbackUrl={callbackUrl}
        passwordFor={await passwordStepFor(query.password)}
        phoneRegion={await phoneRegionOptions(locale)}
        text={{
          identifierLabel: t('identifierLabel'),
          continue: t('continue'),
          signingInAs: signingInAs(locale, t),
          passwordLabel: t('passwordLabel'),
          changeIdentifier: t('changeIdentifier'),
          submit: t('submit'),
          submitting: t('submitting'),
          passwordToggle: await passwordToggleText(locale, 'Current'),
        }}
      />
      <PasskeySignIn
        locale={locale}
        callbackUrl={callbackUrl}
        suggestionOptions={suggestionOptions(await passkeySignInOptions())}
        optionsAction={passkeySignInOptionsAction}
        signInAction={signInWithPasskeyAction}
        text={{ button: t('passkey.button'), working: t('passkey.working') }}
      />
      {/* Below the form, so both steps (identifier and password) offer every way out. */}
      <ul className="help-links">
        <li>
          <a href={`/${locale}/forgot-password`}>{t('forgotPassword')}</a>
        </li>
        <li>
          <a href={`/${locale}/magic-link`}>{t('magicLink')}</a>
        </li>
        <li>
          <a href={`/${locale}/help/cant-sign-in`}>{t('cantSignIn')}</a>
        </li>
      </ul>
    </section>
  );
}
