'use client';

import { useState, useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

/** Copies the recovery codes; it appears only once JavaScript runs (the download works without). */
export function CopyCodesButton({ codes, text }: { codes: string; text: { copy: string; copied: string } }) {
  const ready = useSyncExternalStore(noSubscription, () => true, () => false);
  const [copied, setCopied] = useState(false);
  if (!ready) return null;
  return (
    <button type="button" className="secondary" onClick={() => void navigator.clipboard.writeText(codes).then(() => setCopied(true))}>
      <span aria-live="polite">{copied ? text.copied : text.copy}</span>
    </button>
  );
}
