'use server';

import { notFound } from 'next/navigation';
import { z } from 'zod';
import { readCsvImport, startImportJob } from '@/lib/admin/import-users';
import { defineFormAction } from '@/lib/actions/define-form-action';
import { redirect } from '@/lib/i18n/navigation';

/** A CSV file of accounts: read and checked for shape here, each row created by the import job. */
export const importUsersAction = defineFormAction(
  {
    name: 'users import',
    schema: z.object({ file: z.string().max(1_000_000, 'tooLarge') }),
    access: { permission: { action: 'users.import', returnTo: '/admin/users/import' } },
    errors: 'Admin.import.errors',
    files: ['file'],
  },
  async ({ input, session, locale, request, t, fail }) => {
    const read = readCsvImport(input.file);
    if (!read.ok) return fail({ fieldErrors: { file: [t(read.problem, { columns: (read.columns ?? []).join(', ') })] } });
    const id = await startImportJob(session.user, read.rows, request);
    if (!id) notFound();
    return redirect({ href: `/admin/jobs/${id}`, locale });
  },
);
