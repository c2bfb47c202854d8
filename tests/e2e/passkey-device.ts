import type { CDPSession, Page } from 'playwright-core';

export type Credential = { credentialId: string; isResidentCredential: boolean; rpId?: string; privateKey: string; userHandle?: string; signCount: number };

/**
 * Gives the page's browser a device able to make and use passkeys, unlocked by its owner
 * (Chromium's virtual authenticator, DevTools protocol).
 *
 * Chromium's virtual device answers the identifier field's passkey suggestions (conditional
 * mediation) by itself, as if the person picked one the moment the page loaded. A person may as
 * well ignore them, and a test of the "Sign in with a passkey" button needs them to: unless
 * `picksSuggestion` is set, the page's suggestion requests stay unanswered until the button
 * ends them.
 */
export async function withAuthenticator(page: Page, { picksSuggestion = false } = {}) {
  if (!picksSuggestion) {
    await page.addInitScript(() => {
      const get = navigator.credentials.get.bind(navigator.credentials);
      navigator.credentials.get = (options) =>
        options?.mediation === 'conditional'
          ? new Promise((_, reject) => options.signal?.addEventListener('abort', () => reject(new DOMException('ended', 'AbortError'))))
          : get(options);
    });
  }
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return {
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials as Credential[],
    add: (credential: Credential) => cdp.send('WebAuthn.addCredential', { authenticatorId, credential }),
  };
}
