import type { Metadata } from 'next';
import { getFormatter, getTranslations, setRequestLocale } from 'next-intl/server';
import { AdminNav } from '@/components/admin/admin-nav';
import { DataTable } from '@/components/data-table';
import { listAdminJobs } from '@/lib/admin/admin-jobs';
import { getPathname } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { requirePermission } from '@/lib/permissions/require-permission';
import { jobTitle } from './job-words';

type Props = { params: Promise<{ locale: AppLocale }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: 'Admin.jobs' }))('title') };
}

/** The admin area's jobs, newest first: an admin's are everyone's, a manager's their own. */
export default async function JobsPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const session = await requirePermission(locale, 'jobs.view', '/admin/jobs');
  const [t, format, jobs] = await Promise.all([getTranslations({ locale, namespace: 'Admin.jobs' }), getFormatter({ locale }), listAdminJobs(session.user)]);
  const titles = await Promise.all(jobs.map((job) => jobTitle(locale, job)));
  return (
    <section className="card wide">
      <AdminNav locale={locale} current="jobs" viewer={session.user} />
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {jobs.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <DataTable columns={[t('columns.job'), t('columns.started'), t('columns.status'), t('columns.progress')]}>
          {jobs.map((job, index) => (
            <tr key={job.id}>
              <td>
                <a href={getPathname({ href: `/admin/jobs/${job.id}`, locale })}>{titles[index]}</a>
              </td>
              <td>{format.dateTime(job.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</td>
              <td>{t(`status.${job.status}`)}</td>
              <td>{t('progress', { processed: job.processed, total: job.total ?? 0 })}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
