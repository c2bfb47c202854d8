import { redirect } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';

type Props = { params: Promise<{ locale: AppLocale }> };

/** The admin area opens on its users list. */
export default async function AdminPage({ params }: Props) {
  const { locale } = await params;
  redirect({ href: '/admin/users', locale });
}
