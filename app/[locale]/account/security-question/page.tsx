import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { passwordToggleText } from '@/components/form-text';
import { currentSecurityQuestion } from '@/lib/account/security-question';
import { requireRecentSession, requireSession } from '@/lib/auth/current-session';
import type { AppLocale } from '@/lib/i18n/routing';
import { securityQuestionKeys } from '@/lib/recovery/security-questions';
import { QuestionForm } from './question-form';

type Props = { params: Promise<{ locale: AppLocale }>; searchParams: Promise<{ edit?: string; done?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'SecurityQuestion' }))('title') };
}

/** The current question (never the answer); "Edit" opens the form, behind a recent confirmation. */
export default async function SecurityQuestionPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const query = await searchParams;
  const editing = query.edit === '1';
  const session = editing
    ? await requireRecentSession(locale, '/account/security-question?edit=1')
    : await requireSession(locale, '/account/security-question');
  const t = await getTranslations({ locale, namespace: 'SecurityQuestion' });
  const questions = await getTranslations({ locale, namespace: 'SecurityQuestions' });
  const current = await currentSecurityQuestion(session.user.id);

  return (
    <section className="card">
      <h1>{t('title')}</h1>
      {query.done && (
        <p className="notice" role="status">
          {t('done')}
        </p>
      )}
      <p>{t('intro')}</p>
      <dl className="details">
        <div>
          <dt>{t('current')}</dt>
          <dd>{current ? questions(current) : <span className="muted">{t('none')}</span>}</dd>
        </div>
      </dl>
      {editing ? (
        <QuestionForm
          locale={locale}
          questions={securityQuestionKeys.map((key) => ({ key, label: questions(key) }))}
          text={{
            questionLabel: t('questionLabel'),
            questionPlaceholder: t('questionPlaceholder'),
            answerLabel: t('answerLabel'),
            answerHint: t('answerHint'),
            passwordLabel: t('passwordLabel'),
            passwordToggle: await passwordToggleText(locale, 'Current'),
            submit: t('submit'),
            pending: t('pending'),
          }}
        />
      ) : (
        <p>
          <a href={`/${locale}/account/security-question?edit=1`}>{current ? t('edit') : t('choose')}</a>
        </p>
      )}
      <ul className="help-links">
        <li>
          <a href={`/${locale}/account`}>{t('back')}</a>
        </li>
      </ul>
    </section>
  );
}
