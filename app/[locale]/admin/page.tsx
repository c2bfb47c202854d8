import { notFound } from 'next/navigation';
import { requireSession } from '@/lib/auth/current-session';
import { redirect } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { can } from '@/lib/permissions/can';

type Props = { params: Promise<{ locale: AppLocale }> };

/** The admin area opens on the first screen the person may use: users, or, for editors, the translations. */
export default async function AdminPage({ params }: Props) {
  const { locale } = await params;
  const { user } = await requireSession(locale, '/admin');
  if (can(user, 'users.list')) redirect({ href: '/admin/users', locale });
  if (can(user, 'translations.edit')) redirect({ href: '/admin/translations', locale });
  notFound();
}
