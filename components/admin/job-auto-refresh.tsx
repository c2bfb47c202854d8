'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * With JavaScript, a running job's page renders itself again every two seconds (the server
 * component's new counts, focus and scroll left where they are); without it, the page's
 * refresh link does the same. No meta refresh: a whole-page reload every few seconds would
 * move screen readers back to the top.
 */
export function JobAutoRefresh() {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [router]);
  return null;
}
