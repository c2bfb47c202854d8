import { redirect } from 'next/navigation';
import { getCurrentSession } from '@/lib/auth/current-session';

export default async function LocaleHome({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  redirect((await getCurrentSession()) ? `/${locale}/account` : `/${locale}/login`);
}
