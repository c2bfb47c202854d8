import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import type { FakeDelivery } from '../helpers/fake-resend';
import { openPage, signIn, submitPassword, sharedBrowser } from './browser';
import { e2eAccounts } from './fixtures';
import { formFields, postRaw } from './raw-form';
import { sharedTargets } from './targets';

const browser = sharedBrowser();
const FRENCH_SUBJECT = 'La connexion à votre compte Sésame est suspendue';

/** Five wrong passwords in a row, in French: the account is paused and its owner told. */
async function lockFrenchAccount(baseURL: string) {
  const page = await openPage(browser(), baseURL);
  await signIn(page, 'fr', e2eAccounts.lockedByEmail.email, 'mauvais mot de passe 1');
  for (let attempt = 2; attempt <= 5; attempt += 1) await submitPassword(page, `mauvais mot de passe ${attempt}`);
  await expect.poll(() => page.locator('#login-error').textContent()).toMatch(/suspendue/);
  return page;
}

describe.each(sharedTargets())('emails on $name', ({ name, baseURL, resendUrl, databaseUrl }) => {
  if (name === 'pglite') {
    it('puts a French "sign-in paused" email in the development mailbox when a French account is locked', async () => {
      const page = await lockFrenchAccount(baseURL);
      await page.goto('/fr/dev/mailbox');
      const link = page.locator('tr', { hasText: e2eAccounts.lockedByEmail.email }).getByRole('link', { name: FRENCH_SUBJECT });
      await expect.poll(async () => {
        await page.reload();
        return link.count();
      }, { timeout: 15_000 }).toBe(1);
      await link.click();
      await page.waitForURL(/\/fr\/dev\/mailbox\/[0-9a-f-]{36}$/);
      const text = await page.locator('pre').textContent();
      expect(text).toContain(`Bonjour ${e2eAccounts.lockedByEmail.name},`);
      expect(text).toMatch(/suspendu la connexion jusqu’à \d{2}:\d{2} UTC/);
      expect(text).toContain(`${baseURL}/fr/forgot-password`);
      expect(await page.locator('iframe').getAttribute('sandbox')).toBe('');
    });
  }

  if (name === 'postgres') {
    it('delivers the French "sign-in paused" email through Resend exactly once, after the API refused twice', async () => {
      await lockFrenchAccount(baseURL);
      const deliveriesTo = async () => {
        const response = await fetch(`${resendUrl}/_fake/deliveries`);
        const deliveries = (await response.json()) as FakeDelivery[];
        return deliveries.filter((delivery) => delivery.to === e2eAccounts.lockedByEmail.email);
      };
      await expect.poll(async () => (await deliveriesTo()).length, { timeout: 20_000 }).toBe(1);
      const [delivery] = await deliveriesTo();
      expect(delivery?.subject).toBe(FRENCH_SUBJECT);
      expect(delivery?.html).toContain('lang="fr"');
      // Marked sent, it is never taken again: once the row says so and a later email has gone
      // out (a later pass of the dispatcher), the first one has still been delivered once.
      const sql = postgres(databaseUrl!, { max: 1, onnotice: () => {} });
      try {
        const row = () => sql<Array<{ status: string; attempts: number }>>`
          select status, attempts from email_outbox where recipient = ${e2eAccounts.lockedByEmail.email} and template = 'accountLocked'`;
        await expect.poll(async () => (await row())[0]?.status, { timeout: 10_000 }).toBe('sent');
        expect((await row())[0]?.attempts).toBe(3);
      } finally {
        await sql.end();
      }
      const later = e2eAccounts.laterPass.email;
      await postRaw(baseURL, '/fr/forgot-password', await formFields(baseURL, '/fr/forgot-password', { identifier: later }), { origin: baseURL });
      await expect.poll(async () => ((await (await fetch(`${resendUrl}/_fake/deliveries`)).json()) as FakeDelivery[]).some((delivery) => delivery.to === later), { timeout: 20_000 }).toBe(true);
      expect(await deliveriesTo()).toHaveLength(1);
    });
  }

  it('has no development mailbox outside embedded mode', async () => {
    const response = await fetch(`${baseURL}/en/dev/mailbox`);
    expect(response.status).toBe(name === 'pglite' ? 200 : 404);
  });
});
