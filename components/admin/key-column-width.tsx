'use client';

import { useEffect, useSyncExternalStore } from 'react';

const STORAGE_KEY = 'sesame-translation-key-width';
const MIN_REM = 8;
const MAX_REM = 32;
const DEFAULT_REM = 16;

// The width this browser chose, kept in its storage: a store React reads, so every render agrees.
const listeners = new Set<() => void>();
function storedWidth(): number {
  const stored = Number(window.localStorage.getItem(STORAGE_KEY));
  return stored >= MIN_REM && stored <= MAX_REM ? stored : DEFAULT_REM;
}
function storeWidth(width: number) {
  window.localStorage.setItem(STORAGE_KEY, String(width));
  for (const listener of listeners) listener();
}
function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/**
 * A slider for the width of the translation list's key column, remembered by this browser.
 * It sets a CSS property through the CSSOM, which the Content-Security-Policy allows where a
 * style attribute in the markup would be refused. Without JavaScript there is nothing to move,
 * so the server renders nothing, and the column keeps the stylesheet's width.
 */
export function KeyColumnWidth({ label, target }: { label: string; target: string }) {
  const width = useSyncExternalStore(subscribe, storedWidth, () => null);

  useEffect(() => {
    if (width !== null) document.getElementById(target)?.style.setProperty('--key-width', `${width}rem`);
  }, [target, width]);

  if (width === null) return null;
  return (
    <p className="key-width">
      <label htmlFor="key-width">{label}</label>
      <input id="key-width" type="range" min={MIN_REM} max={MAX_REM} step={1} value={width} onChange={(event) => storeWidth(Number(event.target.value))} />
    </p>
  );
}
