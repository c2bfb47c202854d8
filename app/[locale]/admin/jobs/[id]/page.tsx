import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { AdminNav } from '@/components/admin/admin-nav';
import { JobAutoRefresh } from '@/components/admin/job-auto-refresh';
import { DataTable } from '@/components/data-table';
import { findAdminJob } from '@/lib/admin/admin-jobs';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { requirePermission } from '@/lib/permissions/require-permission';
import { jobTitle } from '../job-words';

type Props = { params: Promise<{ locale: AppLocale; id: string }> };

// The fields and problems a row can have (create-user's, and the import's reach).
const FIELDS = ['email', 'username', 'phone', 'name', 'password', 'role', 'team', 'locale', 'state', 'temporaryPassword', 'companySignIn', 'phoneRegion', 'row'] as const;
const CODES = ['invalid', 'taken', 'required', 'tooShort', 'tooLong', 'common', 'containsPersonalInfo', 'containsSiteName', 'unsafeCharacters', 'notAllowed'] as const;

function known<T extends string>(list: readonly T[], value: string, fallback: T): T {
  return (list as readonly string[]).includes(value) ? (value as T) : fallback;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'Admin.jobs' }))('title') };
}

/** One job: its progress while it runs, then its counts and every row that failed, by line. */
export default async function JobPage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const session = await requirePermission(locale, 'jobs.view', `/admin/jobs/${id}`);
  const job = await findAdminJob(session.user, id);
  if (!job) notFound();
  const [t, format] = await Promise.all([getTranslations({ locale, namespace: 'Admin.jobs' }), getFormatter({ locale })]);
  const running = job.status === 'queued' || job.status === 'running';
  const total = job.total ?? 0;
  const here = getPathname({ href: `/admin/jobs/${job.id}`, locale });

  return (
    <section className="card wide">
      <AdminNav locale={locale} current="jobs" viewer={session.user} />
      <h1>{await jobTitle(locale, job)}</h1>
      <p className="muted">{t('started', { at: format.dateTime(job.createdAt, { dateStyle: 'medium', timeStyle: 'short' }) })}</p>
      <div className="stack" role="status">
        <p id="job-status">{t(`status.${job.status}`)}</p>
        <label htmlFor="job-progress">{t('progressLabel')}</label>
        <progress id="job-progress" max={Math.max(total, 1)} value={Math.min(job.processed, Math.max(total, 1))} aria-describedby="job-progress-text">
          {t('progress', { processed: job.processed, total })}
        </progress>
        <p id="job-progress-text">{t('progress', { processed: job.processed, total })}</p>
      </div>
      {running && (
        <p>
          <a href={here}>{t('refresh')}</a>
          <JobAutoRefresh />
        </p>
      )}
      <ul className="stack">
        {job.kind === 'import' ? (
          <li>{t('counts.created', { count: job.created })}</li>
        ) : (
          <>
            <li>{t('counts.changed', { count: job.changed })}</li>
            <li>{t('counts.skipped', { count: job.skipped })}</li>
          </>
        )}
        <li>{t('counts.failed', { count: job.failed })}</li>
      </ul>
      {job.status === 'dead' && <p className="error">{t('dead')}</p>}
      {job.problems.length > 0 && (
        <section aria-labelledby="job-problems" className="stack">
          <h2 id="job-problems">{t('problemsTitle')}</h2>
          <DataTable columns={[t('columns.line'), t('columns.problem')]}>
            {job.problems.map((row) => (
              <tr key={row.line}>
                <td>{row.line}</td>
                <td>
                  <ul>
                    {(row.problems ?? []).map((problem) => (
                      <li key={`${problem.field}:${problem.code}`}>
                        {t('problem', { field: t(`fields.${known(FIELDS, problem.field, 'row')}`), problem: t(`codes.${known(CODES, problem.code, 'invalid')}`) })}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}
      <p>
        <a href={getPathname({ href: '/admin/jobs', locale })}>{t('back')}</a>
      </p>
    </section>
  );
}
