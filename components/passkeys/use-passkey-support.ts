'use client';

import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { useSyncExternalStore } from 'react';

const never = () => () => {};

/**
 * Whether this browser can use passkeys: null on the server and before hydration, so a page
 * without JavaScript never shows a passkey button it could not use.
 */
export function usePasskeySupport(): boolean | null {
  return useSyncExternalStore(never, browserSupportsWebAuthn, () => null);
}
