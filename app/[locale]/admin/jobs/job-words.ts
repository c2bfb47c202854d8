import 'server-only';
import { getTranslations } from 'next-intl/server';
import type { AdminJobView } from '@/lib/admin/admin-jobs';
import type { AppLocale } from '@/lib/i18n/routing';

/** A job's name on its page and in the list: the import, or the operation done to many accounts. */
export async function jobTitle(locale: AppLocale, job: Pick<AdminJobView, 'kind' | 'operation'>): Promise<string> {
  const t = await getTranslations({ locale, namespace: 'Admin.jobs' });
  if (job.kind === 'import') return t('kinds.import');
  return t(`kinds.${job.operation ?? 'unknown'}`);
}
