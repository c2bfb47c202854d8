'use client';

import { useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

/** Opens the print dialog; it appears only once JavaScript runs (the browser's own Print works without). */
export function PrintButton({ label }: { label: string }) {
  const ready = useSyncExternalStore(noSubscription, () => true, () => false);
  if (!ready) return null;
  return (
    <button type="button" className="secondary" onClick={() => window.print()}>
      {label}
    </button>
  );
}
