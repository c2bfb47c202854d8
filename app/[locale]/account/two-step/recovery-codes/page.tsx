import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { CopyCodesButton } from '@/components/account/copy-codes-button';
import { codesOnDisplay } from '@/lib/account/new-codes-cookie';
import { requireSession } from '@/lib/auth/current-session';
import { redirect } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { codesSavedAction } from '../actions';

type Props = { params: Promise<{ locale: AppLocale }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'TwoStep.codes' }))('shownTitle') };
}

/** New recovery codes, shown until the person says they saved them (a few minutes at most). */
export default async function RecoveryCodesPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const session = await requireSession(locale, '/account/two-step');
  const codes = await codesOnDisplay(session.user.id);
  if (!codes) return redirect({ href: '/account/two-step', locale });
  const t = await getTranslations({ locale, namespace: 'TwoStep.codes' });
  const file = `${codes.join('\n')}\n`;
  return (
    <section className="card">
      <h1>{t('shownTitle')}</h1>
      <p>{t('shownIntro')}</p>
      <ol className="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code translate="no">{code}</code>
          </li>
        ))}
      </ol>
      <p className="actions">
        <a href={`data:text/plain;charset=utf-8,${encodeURIComponent(file)}`} download={t('fileName')}>
          {t('download')}
        </a>
        <CopyCodesButton codes={file} text={{ copy: t('copy'), copied: t('copied') }} />
      </p>
      <form action={codesSavedAction}>
        <input type="hidden" name="locale" value={locale} />
        <button type="submit">{t('done')}</button>
      </form>
    </section>
  );
}
