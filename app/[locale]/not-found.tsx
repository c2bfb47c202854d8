import { getLocale } from 'next-intl/server';
import { NotFoundCard } from '@/components/not-found-card';

// A page's own notFound(). Unknown addresses, and the mailbox refused by the proxy, get
// app/global-not-found.tsx instead, which Next.js renders whole on the server.
export default async function NotFound() {
  return <NotFoundCard locale={await getLocale()} />;
}
