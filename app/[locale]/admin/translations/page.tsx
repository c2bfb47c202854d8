import type { Metadata } from 'next';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { AdminNav } from '@/components/admin/admin-nav';
import { TranslationImportForm } from '@/components/admin/translation-import-form';
import { ConfirmPanel } from '@/components/confirm-panel';
import { overrideRows } from '@/lib/db/translations';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { requirePermission } from '@/lib/permissions/require-permission';
import { listTranslations, readTranslationQuery, translationFilters, translationRows, type TranslationQuery } from '@/lib/translations/list';
import type { Where } from '@/lib/translations/where';
import { importAction, publishAllAction } from './actions';
import { DataTable } from '@/components/data-table';
import { KeyColumnWidth } from '@/components/admin/key-column-width';

type Props = { params: Promise<{ locale: AppLocale }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'Admin.translations' }))('title') };
}

const dones = ['publishedAll'] as const;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Every text of the site in both languages, grouped by where it appears; works without JavaScript. */
export default async function TranslationsPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const session = await requirePermission(locale, 'translations.edit', '/admin/translations');
  const raw = await searchParams;
  const query = readTranslationQuery(raw);
  const [t, te] = await Promise.all([getTranslations({ locale, namespace: 'Admin.translations' }), getTranslations({ locale, namespace: 'Admin.emails' })]);
  const rows = translationRows(await overrideRows());
  const list = listTranslations(rows, query);
  const drafts = rows.filter((row) => row.flags.draft).length;
  const href = (change: Partial<TranslationQuery> & { confirm?: string }) => {
    const next = { ...query, ...change };
    const params: Record<string, string> = {};
    if (next.filter !== 'all') params.filter = next.filter;
    if (next.q) params.q = next.q;
    if (next.page > 1) params.page = String(next.page);
    if (change.confirm) params.confirm = change.confirm;
    return getPathname({ href: { pathname: '/admin/translations', query: params }, locale });
  };
  // The list's search and filter travel with each text, whose page then links to its neighbours.
  const editHref = (key: string) =>
    getPathname({
      href: { pathname: '/admin/translations/edit', query: { key, ...(query.filter !== 'all' && { filter: query.filter }), ...(query.q && { q: query.q }) } },
      locale,
    });
  const whereText = (where: Where) =>
    where.kind === 'page' ? t('where.page', { path: where.path }) : where.kind === 'email' ? t('where.email', { name: te(`templates.${where.template}`) }) : t(`where.${where.kind}`);
  const done = dones.find((name) => name === one(raw.done));
  // How many sensitive drafts "publish all" left for approval, as its redirect said.
  const waiting = Number(/^\d{1,6}$/.exec(one(raw.waiting) ?? '')?.[0] ?? 0);
  const problem = one(raw.problem);
  const notice =
    done === 'publishedAll'
      ? waiting > 0
        ? t('done.publishedAllAwaiting', { count: waiting })
        : t('done.publishedAll')
      : problem === 'allAwaitApproval'
        ? t('problem.allAwaitApproval', { count: Math.max(waiting, 1) })
        : problem === 'nothing'
          ? t('problem.nothing')
          : null;
  const confirming = one(raw.confirm) === 'publishAll' && drafts > 0;

  return (
    <section className="card wide">
      <AdminNav locale={locale} current="translations" viewer={session.user} />
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {confirming ? (
        <ConfirmPanel
          id="confirm-title"
          title={t('confirmTitle')}
          action={publishAllAction}
          fields={{ locale }}
          submit={t('publishAll')}
          cancel={{ href: href({}), label: t('cancel') }}
        >
          <p>{t('publishAllConfirm', { count: drafts })}</p>
        </ConfirmPanel>
      ) : (
        <ul className="help-links">
          {drafts > 0 && (
            <li>
              <a href={href({ confirm: 'publishAll' })}>{t('publishAll')}</a>
            </li>
          )}
          <li>
            <a href={getPathname({ href: '/admin/translations/export', locale })} download="translations.json">
              {t('export')}
            </a>
          </li>
        </ul>
      )}

      <form method="get" action={getPathname({ href: '/admin/translations', locale })} className="actions" role="search">
        {query.filter !== 'all' && <input type="hidden" name="filter" value={query.filter} />}
        <label htmlFor="translations-q">{t('search')}</label>
        <input id="translations-q" type="search" name="q" defaultValue={query.q} />
        <button type="submit">{t('searchButton')}</button>
      </form>
      <nav aria-label={t('filters.label')}>
        <ul className="actions">
          {translationFilters.map((filter) => (
            <li key={filter}>
              <a href={href({ filter, page: 1 })} aria-current={query.filter === filter ? 'page' : undefined}>
                {t(`filters.${filter}`, { count: list.counts[filter] })}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <p className="muted">{t('count', { count: list.total })}</p>
      <KeyColumnWidth label={t('keyWidth')} target="translation-groups" />
      <div id="translation-groups" className="stack">
      {list.groups.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        list.groups.map((group) => (
          <section key={group.group} aria-labelledby={`group-${group.group}`} className="stack">
            <h2 id={`group-${group.group}`}>{group.group}</h2>
            <p className="muted">{whereText(group.where)}</p>
            <DataTable
              className="translations-table"
              columns={[t('columns.key'), t('columns.en'), t('columns.fr'), t('columns.state')]}
              columnClasses={['key-column', undefined, undefined, 'state-column']}
            >
              {group.rows.map((row) => (
                <tr key={row.key}>
                  <td>
                    <a href={editHref(row.key)} aria-label={t('editLabel', { key: row.key })}>
                      <code>{row.key}</code>
                    </a>
                  </td>
                  <td lang="en">{row.en.current}</td>
                  <td lang="fr">{row.fr.current}</td>
                  <td>
                    {(Object.keys(row.flags) as Array<keyof typeof row.flags>)
                      .filter((flag) => row.flags[flag])
                      .map((flag) => t(`flags.${flag}`))
                      .join(', ')}
                  </td>
                </tr>
              ))}
            </DataTable>
          </section>
        ))
      )}
      </div>
      {list.pages > 1 && (
        <nav aria-label={t('pagination')} className="actions">
          {list.page > 1 && <a href={href({ page: list.page - 1 })}>{t('previous')}</a>}
          <span>{t('page', { page: list.page, pages: list.pages })}</span>
          {list.page < list.pages && <a href={href({ page: list.page + 1 })}>{t('next')}</a>}
        </nav>
      )}

      <section aria-labelledby="import-title" className="stack">
        <h2 id="import-title">{t('importTitle')}</h2>
        <p>{t('importIntro')}</p>
        <TranslationImportForm
          locale={locale}
          action={importAction}
          text={{ label: t('importFile'), submit: t('importButton'), working: t('saving'), columns: { key: t('columns.key'), language: t('columns.language'), state: t('columns.state') } }}
        />
      </section>
    </section>
  );
}
