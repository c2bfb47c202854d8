import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { AdminNav } from '@/components/admin/admin-nav';
import { TranslationDraftForm } from '@/components/admin/translation-draft-form';
import { ConfirmPanel } from '@/components/confirm-panel';
import { draftAuthors, findOverride, overrideRows } from '@/lib/db/translations';
import { renderEmail } from '@/lib/email/render';
import { emailTemplates, type EmailTemplateName } from '@/lib/email/templates';
import { messagesFor } from '@/lib/messages/message-source';
import { getPathname } from '@/lib/i18n/navigation';
import { routing, type AppLocale } from '@/lib/i18n/routing';
import { requirePermission } from '@/lib/permissions/require-permission';
import { shippedText } from '@/lib/translations/check';
import { historyOf, isPublishedChange } from '@/lib/translations/editor';
import { neighboursOf, readTranslationQuery, translationRows } from '@/lib/translations/list';
import { PREVIEW_PARAMETER, issuePreviewPass } from '@/lib/translations/preview-pass';
import { isSensitiveKey } from '@/lib/translations/sensitive';
import { groupOf, whereUsed } from '@/lib/translations/where';
import { discardAction, publishAction, revertAction, rollbackAction, saveDraftAction } from '../actions';
import { DataTable } from '@/components/data-table';

type Props = { params: Promise<{ locale: AppLocale }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'Admin.translations' }))('title') };
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';
const operations = ['publish', 'discard', 'revert'] as const;
type Operation = (typeof operations)[number];
const dones = ['saved', 'published', 'approved', 'discarded', 'reverted', 'rolledBack'] as const;
const problems = ['nothing', 'rollback', 'needsApproval'] as const;

/** The email in one language, with the drafts or as sent now, with its preview's sample data. */
async function emailPreview(template: EmailTemplateName, language: AppLocale, drafts: boolean): Promise<string | null> {
  const { props, secrets } = emailTemplates[template].preview;
  try {
    const messages = await messagesFor(language, { drafts });
    return (await renderEmail({ template, locale: language, recipient: 'camille.dubois@example.com', props, secrets }, messages)).html;
  } catch {
    return null;
  }
}

/** One key in both languages: edit either as a draft, preview, publish, revert, and its history. */
export default async function EditTranslationPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const raw = await searchParams;
  const key = one(raw.key);
  const session = await requirePermission(locale, 'translations.edit', `/admin/translations/edit?key=${encodeURIComponent(key)}`);
  if (shippedText('en', key) === undefined) notFound();
  const sensitive = isSensitiveKey(key);
  const [t, te, format] = await Promise.all([
    getTranslations({ locale, namespace: 'Admin.translations' }),
    getTranslations({ locale, namespace: 'Admin.emails' }),
    getFormatter({ locale }),
  ]);
  const languages = await Promise.all(
    routing.locales.map(async (language) => {
      const row = await findOverride(language, key);
      return {
        language,
        name: t(`languages.${language}`),
        shipped: shippedText(language, key)!,
        published: row?.published ?? null,
        draft: row?.draft ?? null,
        // Who wrote the draft of a sensitive text: none of them may approve it.
        authors: row?.draft != null && sensitive ? await draftAuthors(language, key) : [],
        history: await historyOf(session.user, language, key),
      };
    }),
  );
  // The list's search and filter, as the list's link brought them: the neighbours are the list's.
  const { filter, q } = readTranslationQuery(raw);
  const listQuery = { ...(filter !== 'all' && { filter }), ...(q && { q }) };
  const neighbours = neighboursOf(translationRows(await overrideRows()), { filter, q }, key);
  const textHref = (other: string, query: Record<string, string> = {}) =>
    getPathname({ href: { pathname: '/admin/translations/edit', query: { key: other, ...listQuery, ...query } }, locale });
  const here = (query: Record<string, string> = {}) => textHref(key, query);
  const [operation, confirmLanguage] = one(raw.confirm).split('-');
  const confirmed = languages.find((entry) => entry.language === confirmLanguage);
  const confirming =
    confirmed && operations.includes(operation as Operation)
      ? (operation as Operation) === 'revert'
        ? confirmed.published !== null && { operation: 'revert' as const, entry: confirmed }
        : confirmed.draft !== null && { operation: operation as Operation, entry: confirmed }
      : null;
  const rollbackId = /^rollback-(\d{1,15})$/.exec(one(raw.confirm))?.[1];
  const rollingBack = languages.flatMap((entry) => entry.history.map((change) => ({ entry, change }))).find(({ change }) => String(change.id) === rollbackId && isPublishedChange(change.kind));
  const done = dones.find((name) => name === one(raw.done));
  const problem = problems.find((name) => name === one(raw.problem));
  const notice = done ? t(`done.${done}`) : problem ? t(`problem.${problem}`) : null;
  const where = whereUsed(groupOf(key));
  // Layout keys show in every email: the password reset one stands for them all.
  const template: EmailTemplateName | null = where.kind === 'email' ? where.template : where.kind === 'emails' ? 'passwordReset' : null;
  const hasDraft = languages.some((entry) => entry.draft !== null);
  // Words shared by many pages (layout, error messages) are previewed on the sign-in page.
  const page = where.kind === 'page' ? where : where.kind === 'shared' ? { path: '/login', visitor: true } : null;
  const pass = page && new URLSearchParams({ [PREVIEW_PARAMETER]: issuePreviewPass({ userId: session.user.id, sessionId: session.sessionId }, page.visitor) });
  const pageFrames = page ? routing.locales.map((language) => ({ language, src: `${getPathname({ href: page.path, locale: language })}?${pass}` })) : [];
  const previews = template
    ? await Promise.all(
        routing.locales.map(async (language) => ({
          language,
          after: await emailPreview(template, language, true),
          before: hasDraft ? await emailPreview(template, language, false) : null,
        })),
      )
    : [];
  const actionFor = { publish: publishAction, discard: discardAction, revert: revertAction };
  const wroteDraft = (entry: (typeof languages)[number]) => entry.authors.some((author) => author.id === session.user.id);
  const approving = confirming && confirming.operation === 'publish' && sensitive && !wroteDraft(confirming.entry);
  const when = (date: Date) => format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <section className="card wide">
      <AdminNav locale={locale} current="translations" viewer={session.user} />
      <h1>
        <code>{key}</code>
      </h1>
      <nav aria-label={t('textNavigation')}>
        <ul className="actions">
          {neighbours.previous && (
            <li>
              <a rel="prev" href={textHref(neighbours.previous)}>
                {t('previousText', { key: neighbours.previous })}
              </a>
            </li>
          )}
          {neighbours.next && (
            <li>
              <a rel="next" href={textHref(neighbours.next)}>
                {t('nextText', { key: neighbours.next })}
              </a>
            </li>
          )}
        </ul>
      </nav>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {sensitive && <p className="notice">{t('sensitive')}</p>}
      {confirming && (
        <ConfirmPanel
          id="confirm-title"
          title={t('confirmTitle')}
          action={actionFor[confirming.operation]}
          fields={{ locale, key, language: confirming.entry.language }}
          submit={approving ? t('approve') : t(confirming.operation)}
          cancel={{ href: here(), label: t('cancel') }}
        >
          <p>
            {approving
              ? t('confirm.approve', { language: confirming.entry.name, authors: confirming.entry.authors.map((author) => author.name || author.email).join(', ') })
              : t(`confirm.${confirming.operation}`, { language: confirming.entry.name })}
          </p>
          {approving && <blockquote lang={confirming.entry.language}>{confirming.entry.draft}</blockquote>}
        </ConfirmPanel>
      )}
      {rollingBack && (
        <ConfirmPanel
          id="rollback-title"
          title={t('confirmTitle')}
          action={rollbackAction}
          fields={{ locale, key, changeId: String(rollingBack.change.id) }}
          submit={t('rollbackTo')}
          cancel={{ href: here(), label: t('cancel') }}
        >
          <p>{t('confirm.rollback', { language: rollingBack.entry.name })}</p>
          <blockquote lang={rollingBack.entry.language}>{rollingBack.change.newValue ?? rollingBack.entry.shipped}</blockquote>
        </ConfirmPanel>
      )}

      <div className="columns">
        {languages.map((entry) => (
          <section key={entry.language} aria-labelledby={`language-${entry.language}`} className="stack">
            <h2 id={`language-${entry.language}`}>{t(`columns.${entry.language}`)}</h2>
            <dl className="details">
              <div>
                <dt>{t('shipped')}</dt>
                <dd lang={entry.language}>{entry.shipped}</dd>
              </div>
              {entry.published !== null && (
                <div>
                  <dt>{t('published')}</dt>
                  <dd lang={entry.language}>{entry.published}</dd>
                </div>
              )}
              {entry.draft !== null && (
                <div>
                  <dt>{t('draft')}</dt>
                  <dd lang={entry.language}>{entry.draft}</dd>
                </div>
              )}
            </dl>
            <TranslationDraftForm
              locale={locale}
              action={saveDraftAction}
              translationKey={key}
              language={entry.language}
              initial={entry.draft ?? entry.published ?? entry.shipped}
              text={{
                label: t('value', { language: entry.name }),
                typography: entry.language === 'fr' ? t('typography') : undefined,
                submit: t('save'),
                working: t('saving'),
              }}
            />
            <ul className="help-links">
              {entry.draft !== null && (
                <>
                  <li>
                    {sensitive && wroteDraft(entry) ? (
                      <span className="muted">{t('awaitingApproval')}</span>
                    ) : (
                      <a href={here({ confirm: `publish-${entry.language}` })}>{sensitive ? t('approve') : t('publish')}</a>
                    )}
                  </li>
                  <li>
                    <a href={here({ confirm: `discard-${entry.language}` })}>{t('discard')}</a>
                  </li>
                </>
              )}
              {entry.published !== null && (
                <li>
                  <a href={here({ confirm: `revert-${entry.language}` })}>{t('revert')}</a>
                </li>
              )}
            </ul>
          </section>
        ))}
      </div>

      <section aria-labelledby="where-title" className="stack">
        <h2 id="where-title">{t('whereTitle')}</h2>
        {where.kind === 'page' ? (
          <>
            <ul className="help-links">
              {routing.locales.map((language) => (
                <li key={language}>
                  <a href={getPathname({ href: where.path, locale: language })}>{t('openPage', { language: t(`languages.${language}`) })}</a>
                </li>
              ))}
            </ul>
            <p className="muted">{t('pageNote')}</p>
          </>
        ) : (
          <p>{where.kind === 'email' ? t('where.email', { name: te(`templates.${where.template}`) }) : t(`where.${where.kind}`)}</p>
        )}
      </section>

      {pageFrames.length > 0 && (
        <section aria-labelledby="preview-title" className="stack">
          <h2 id="preview-title">{t('previewTitle')}</h2>
          <p className="muted">{t('pagePreviewNote')}</p>
          <div className="columns">
            {pageFrames.map(({ language, src }) => (
              <iframe
                key={language}
                className="page-frame"
                title={t('pagePreviewFrame', { language: t(`languages.${language}`) })}
                sandbox=""
                src={src}
                data-preview={`page-${language}`}
              />
            ))}
          </div>
        </section>
      )}

      {template && (
        <section aria-labelledby="preview-title" className="stack">
          <h2 id="preview-title">{t('previewTitle')}</h2>
          {(['after', 'before'] as const)
            .filter((moment) => moment === 'after' || hasDraft)
            .map((moment) => (
              <section key={moment} className="stack" aria-labelledby={`preview-${moment}`}>
                <h3 id={`preview-${moment}`}>{t(moment === 'after' ? 'previewAfter' : 'previewBefore')}</h3>
                <div className="columns">
                  {previews.map((preview) => {
                    const html = preview[moment];
                    const title = t('previewFrame', { email: te(`templates.${template}`), language: t(`languages.${preview.language}`) });
                    return html === null ? (
                      <p key={preview.language} className="error">
                        {t('previewFailed')}
                      </p>
                    ) : (
                      <iframe key={preview.language} className="email-frame" title={title} sandbox="" srcDoc={html} data-preview={`${moment}-${preview.language}`} />
                    );
                  })}
                </div>
              </section>
            ))}
        </section>
      )}

      <section aria-labelledby="history-title" className="stack">
        <h2 id="history-title">{t('historyTitle')}</h2>
        {languages.every((entry) => entry.history.length === 0) ? (
          <p>{t('historyNone')}</p>
        ) : (
          <DataTable columns={[t('history.when'), t('columns.language'), t('history.who'), t('history.what'), t('history.old'), t('history.new'), t('history.action')]}>
            {languages
              .flatMap((entry) => entry.history.map((change) => ({ entry, change })))
              .sort((a, b) => b.change.id - a.change.id)
              .map(({ entry, change }) => (
                <tr key={change.id}>
                  <td>
                    <time dateTime={change.occurredAt.toISOString()}>{when(change.occurredAt)}</time>
                  </td>
                  <td>{entry.name}</td>
                  <td>{change.actorName || change.actorEmail || t('nobody')}</td>
                  <td>{change.approved ? t('kinds.approved') : t(`kinds.${change.kind}`)}</td>
                  <td lang={entry.language}>{change.oldValue ?? (isPublishedChange(change.kind) ? t('shippedValue') : t('noDraft'))}</td>
                  <td lang={entry.language}>{change.newValue ?? (isPublishedChange(change.kind) ? t('shippedValue') : t('noDraft'))}</td>
                  <td>{isPublishedChange(change.kind) && <a href={here({ confirm: `rollback-${change.id}` })}>{t('rollbackTo')}</a>}</td>
                </tr>
              ))}
          </DataTable>
        )}
      </section>
      <ul className="help-links">
        <li>
          <a href={getPathname({ href: { pathname: '/admin/translations', query: listQuery }, locale })}>{t('back')}</a>
        </li>
      </ul>
    </section>
  );
}
