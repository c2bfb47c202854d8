import type { Page } from 'playwright-core';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import fr from '../../messages/fr.json';
import { enterAdminWithSession, idOf } from './admin-entry';
import { openPage, sharedBrowser } from './browser';
import { e2eAccounts, type E2eTarget } from './fixtures';
import { nextEmailTo } from './inbox';
import { flowTargets } from './targets';

const browser = sharedBrowser();
const catalogues = { en, fr } as const;
const EVENT = 'admin.signed_out_everywhere';

/** Signs an account out everywhere from its admin page, confirming, as an admin does. */
async function signOutEverywhere(page: Page, name: string) {
  await page.goto(`/fr/admin/users/${await idOf(page, name)}`);
  await page.getByRole('link', { name: fr.Admin.user.ops.signOutEverywhere.label }).click();
  await page.getByRole('button', { name: fr.Admin.user.ops.signOutEverywhere.label }).click();
  await page.waitForURL('**?done=signOutEverywhere');
}

/** The audit log in `locale`, filtered by the event type chosen by its localized name. */
async function auditLogOf(page: Page, locale: 'en' | 'fr') {
  const t = catalogues[locale].Admin.audit;
  await page.goto(`/${locale}/admin/audit`);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t.title);
  await page.getByLabel(t.event, { exact: true }).selectOption({ label: catalogues[locale].Activity.events.admin.signed_out_everywhere });
  await page.getByRole('button', { name: t.apply }).click();
  await page.waitForURL(`**/${locale}/admin/audit?**event=${EVENT}**`);
  const rows = page.locator('tbody tr');
  return {
    events: await rows.evaluateAll((found) => found.map((row) => row.getAttribute('data-event'))),
    descriptions: await rows.locator('td:nth-child(2)').allTextContents(),
    targets: await rows.locator('td:nth-child(4)').allTextContents(),
  };
}

/** A failed email in the outbox, as the dispatcher leaves one after its last try. */
async function failedEmail(target: E2eTarget, recipient: string, template: 'adminNotice' | 'passwordReset', locale: 'en' | 'fr') {
  const sql = postgres(target.databaseUrl!, { max: 1, onnotice: () => {} });
  const props = template === 'adminNotice' ? { name: null, event: 'unlocked', occurredAt: new Date().toISOString() } : { name: null, linkMinutes: 60, codeMinutes: 15 };
  const [row] = await sql`insert into email_outbox (recipient, locale, template, props, status, attempts, last_error)
    values (${recipient}, ${locale}, ${template}, ${sql.json(props)}, 'failed', 5, 'fake outage') returning id`;
  await sql.end();
  return row!.id as string;
}

async function retriedAudit(target: E2eTarget, emailId: string) {
  const sql = postgres(target.databaseUrl!, { max: 1, onnotice: () => {} });
  const rows = await sql`select e.event, u.email from audit_events e join users u on u.id = e.actor_user_id where e.detail ->> 'emailId' = ${emailId}`;
  const [email] = await sql`select status from email_outbox where id = ${emailId}`;
  await sql.end();
  return { events: rows.map((row) => [row.event, row.email]), status: email!.status as string };
}

describe.each(flowTargets())('the audit log and failed emails on $name', (target) => {
  it('shows an admin what they just did, filtered by event type, in French and in English; a manager sees their team only', async () => {
    const admin = await openPage(browser(), target.baseURL);
    await enterAdminWithSession(target, admin, e2eAccounts.auditAdminFr.email);
    await signOutEverywhere(admin, e2eAccounts.auditNord.name);
    await signOutEverywhere(admin, e2eAccounts.auditSud.name);

    for (const locale of ['fr', 'en'] as const) {
      const log = await auditLogOf(admin, locale);
      expect(new Set(log.events)).toEqual(new Set([EVENT]));
      expect(new Set(log.descriptions)).toEqual(new Set([catalogues[locale].Activity.events.admin.signed_out_everywhere]));
      expect(log.targets.slice(0, 2)).toEqual([
        `${e2eAccounts.auditSud.name} (${e2eAccounts.auditSud.email})`,
        `${e2eAccounts.auditNord.name} (${e2eAccounts.auditNord.email})`,
      ]);
      // Whom the admin may open is a link to their page.
      await admin.getByRole('link', { name: `${e2eAccounts.auditNord.name} (${e2eAccounts.auditNord.email})` }).first().click();
      await admin.waitForURL(`**/${locale}/admin/users/*`);
    }

    const manager = await openPage(browser(), target.baseURL);
    await enterAdminWithSession(target, manager, e2eAccounts.managerFr.email);
    const nav = manager.getByRole('navigation', { name: fr.Admin.nav.label });
    expect(await nav.getByRole('link').allTextContents()).toEqual([fr.Admin.nav.users, fr.Admin.nav.jobs, fr.Admin.nav.audit, fr.Admin.nav.account]);
    const seen = await auditLogOf(manager, 'fr');
    expect(seen.targets.join('\n')).toContain(e2eAccounts.auditNord.name);
    expect(seen.targets.join('\n')).not.toContain(e2eAccounts.auditSud.name);
    expect((await manager.goto('/fr/admin/emails'))?.status()).toBe(404);
  });

  it('says a reversed date range is one, in French', async () => {
    const admin = await openPage(browser(), target.baseURL);
    await enterAdminWithSession(target, admin, e2eAccounts.auditAdminFr.email);
    await admin.goto('/fr/admin/audit?from=2031-03-03&to=2031-03-02');
    expect(await admin.locator('#dates-error').textContent()).toBe(fr.Admin.audit.problems.reversedRange);
    expect(await admin.locator('tbody tr').count()).toBe(0);
    expect(await admin.getByLabel(fr.Admin.audit.from).inputValue()).toBe('2031-03-03');
  });

  it.skipIf(!target.databaseUrl)('lets an admin send a failed email again, in French and in English', async () => {
    const admin = await openPage(browser(), target.baseURL);
    await enterAdminWithSession(target, admin, e2eAccounts.auditAdminFr.email);
    const deadLink = await failedEmail(target, 'lien.perdu@example.com', 'passwordReset', 'fr');

    for (const locale of ['fr', 'en'] as const) {
      const t = catalogues[locale].Admin.emails;
      const recipient = `failed.${locale}@example.com`;
      const id = await failedEmail(target, recipient, 'adminNotice', locale);
      await admin.goto(`/${locale}/admin/emails`);
      expect(await admin.getByRole('heading', { level: 1 }).textContent()).toBe(t.title);
      const row = admin.locator('tbody tr', { hasText: recipient });
      expect(await row.locator('td').allTextContents()).toEqual(expect.arrayContaining([recipient, t.templates.adminNotice, '5', 'fake outage']));
      // An email whose link was erased when it failed is not offered again.
      const dead = admin.locator('tbody tr', { hasText: 'lien.perdu@example.com' });
      expect(await dead.textContent()).toContain(t.linkGone);
      expect(await dead.getByRole('link', { name: t.retry }).count()).toBe(0);

      await row.getByRole('link', { name: t.retryLabel.replace('{recipient}', recipient) }).click();
      await admin.waitForURL(`**confirm=${id}**`);
      expect(await admin.getByRole('heading', { name: t.confirmTitle }).count()).toBe(1);
      await admin.getByRole('button', { name: t.retry, exact: true }).click();
      await admin.waitForURL(`**/${locale}/admin/emails?done=retried`);
      expect(await admin.getByRole('status').first().textContent()).toBe(t.retried);
      expect(await admin.locator('tbody tr', { hasText: recipient }).count()).toBe(0);

      const delivered = await nextEmailTo(target, recipient, 0);
      expect(delivered.subject).toBe(catalogues[locale].Emails.adminNotice.subject.replace('{siteName}', 'Sésame'));
      // The provider's answer is recorded just after it accepts the email.
      await expect.poll(() => retriedAudit(target, id)).toEqual({ events: [['admin.email_retried', e2eAccounts.auditAdminFr.email]], status: 'sent' });
    }
    expect((await retriedAudit(target, deadLink)).status).toBe('failed');
  });
});
