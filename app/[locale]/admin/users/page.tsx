import type { Metadata } from 'next';
import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { AdminNav } from '@/components/admin/admin-nav';
import { UserListJobs } from '@/components/admin/user-list-jobs';
import { readUserListQuery, userListHref } from '@/lib/admin/user-list-query';
import { listUsersInScope, teamsInScope } from '@/lib/admin/users-in-scope';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { can } from '@/lib/permissions/can';
import { permissionTable } from '@/lib/permissions/policy';
import { requirePermission } from '@/lib/permissions/require-permission';
import { bulkUnlockAction } from './actions';
import { DataTable } from '@/components/data-table';
import { ListPager } from '@/components/admin/list-pager';

type Props = { params: Promise<{ locale: AppLocale }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'Admin.users' }))('title') };
}

const STATES = ['active', 'locked', 'deactivated', 'pending'] as const;
const countMessage = { exact: 'count', about: 'countAbout', atLeast: 'countAtLeast' } as const;

/** Everyone the actor reaches: searched, filtered and sorted by a plain GET form, paged by cursor links. */
export default async function UsersPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const raw = await searchParams;
  const session = await requirePermission(locale, 'users.list', '/admin/users');
  const actor = session.user;
  const query = readUserListQuery(raw);
  const [t, ta, tc, format] = await Promise.all([
    getTranslations({ locale, namespace: 'Admin.users' }),
    getTranslations({ locale, namespace: 'Admin' }),
    getTranslations({ locale, namespace: 'Admin.create' }),
    getFormatter({ locale }),
  ]);
  const [{ rows, count, previous, next }, teams] = await Promise.all([listUsersInScope(actor, query), teamsInScope(actor)]);
  const everyone = permissionTable[actor.role]['users.list'] === 'everyone';
  const bulk = query.state === 'locked' && rows.length > 0;
  const unlocked = typeof raw.unlocked === 'string' ? Number.parseInt(raw.unlocked, 10) : NaN;

  return (
    <section className="card wide">
      <AdminNav locale={locale} current="users" viewer={actor} />
      <h1>{t('title')}</h1>
      <p>{everyone ? t('intro') : t('introManager', { team: actor.teamName ?? '' })}</p>
      {can(actor, 'users.create') && (
        <p>
          <a href={getPathname({ href: '/admin/users/new', locale })}>
            {tc('link')}
          </a>
        </p>
      )}
      {Number.isInteger(unlocked) && unlocked >= 0 && (
        <p className="notice" role="status">
          {t('unlocked', { count: unlocked })}
        </p>
      )}
      <form method="get" action={getPathname({ href: '/admin/users', locale })} className="filters" role="search">
        <label htmlFor="q">{t('search')}</label>
        <input id="q" name="q" type="search" defaultValue={query.search} maxLength={200} />
        <div className="filter-row">
          <div className="stack">
            <label htmlFor="state">{t('state')}</label>
            <select id="state" name="state" defaultValue={query.state ?? ''}>
              <option value="">{t('anyState')}</option>
              {STATES.map((state) => (
                <option key={state} value={state}>
                  {ta(`states.${state}`)}
                </option>
              ))}
            </select>
          </div>
          {everyone && (
            <div className="stack">
              <label htmlFor="team">{t('team')}</label>
              <select id="team" name="team" defaultValue={query.teamId ?? ''}>
                <option value="">{t('anyTeam')}</option>
                {teams.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="stack">
            <label htmlFor="sort">{t('sort')}</label>
            <select id="sort" name="sort" defaultValue={query.sort}>
              {(['name', 'created', 'lastSignIn'] as const).map((sort) => (
                <option key={sort} value={sort}>
                  {t(`sorts.${sort}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" className="secondary">
          {t('apply')}
        </button>
      </form>

      <p className="muted">{t(countMessage[count.relation], { count: count.value })}</p>
      <UserListJobs locale={locale} viewer={actor} raw={raw} />
      {rows.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <form action={bulkUnlockAction}>
          <input type="hidden" name="locale" value={locale} />
          <DataTable columns={[t('columns.name'), t('columns.email'), t('columns.state'), t('columns.team'), t('columns.lastSignIn')]} selectable={bulk}>
            {rows.map((row) => (
              <tr key={row.id}>
                {bulk && (
                  <td>
                    <input type="checkbox" name="userId" value={row.id} defaultChecked aria-label={t('select', { name: row.name || row.email })} />
                  </td>
                )}
                <td>
                  <a href={getPathname({ href: `/admin/users/${row.id}`, locale })}>{row.name || t('noName')}</a>
                </td>
                <td>{row.email}</td>
                <td>{ta(`states.${row.locked && row.state === 'active' ? 'locked' : row.state}`)}</td>
                <td>{row.teamName ?? t('noTeam')}</td>
                <td>{row.lastSignInAt ? format.dateTime(row.lastSignInAt, { dateStyle: 'medium', timeStyle: 'short' }) : t('never')}</td>
              </tr>
            ))}
          </DataTable>
          {bulk && (
            <button type="submit" className="secondary">
              {t('unlockSelected')}
            </button>
          )}
        </form>
      )}
      <ListPager
        label={t('pagination')}
        links={[
          previous ? { href: getPathname({ href: userListHref(query), locale }), text: t('first') } : null,
          previous ? { href: getPathname({ href: userListHref(query, { before: previous }), locale }), text: t('previous'), rel: 'prev' } : null,
          next ? { href: getPathname({ href: userListHref(query, { after: next }), locale }), text: t('next'), rel: 'next' } : null,
        ]}
      />
    </section>
  );
}
