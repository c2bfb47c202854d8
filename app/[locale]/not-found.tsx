import { getLocale } from 'next-intl/server';
import { NotFoundCard } from '@/components/not-found-card';

// A page's own notFound() (the proxy sends unknown and refused addresses to app/not-found.tsx).
export default async function NotFound() {
  return <NotFoundCard locale={await getLocale()} />;
}
