import { describe, expect, it } from 'vitest';
import { openPage, sharedBrowser, signIn, submitPassword } from './browser';
import { e2eAccounts } from './fixtures';
import { countEmailsTo, linkIn, nextEmailTo } from './inbox';
import { formFields, postRaw, type RawResponse } from './raw-form';
import { flowTargets } from './targets';

const browser = sharedBrowser();

/** Everything an observer sees of an answer, minus what differs between any two requests. */
function observable(response: RawResponse) {
  const { date: _date, 'set-cookie': cookies, 'content-security-policy': csp, 'x-request-id': requestId, ...headers } = response.headers;
  return {
    status: response.status,
    headers,
    // A new random id for every request, whoever it names: the same shape, never the same value.
    requestId: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(String(requestId)),
    csp: String(csp).replace(/'nonce-[^']*'/g, "'nonce-…'"),
    // The recovery cookie's value is sealed (random IV) and expiry follows the clock: compare
    // names and attributes.
    // Next.js repeats the locale cookie when a second ticks over between middleware and action.
    cookies: [...new Set([cookies ?? []].flat().map((cookie) => cookie.replace(/=[^;]*/, '=…').replace(/Expires=[^;]*; /, '')))],
    body: response.body,
  };
}

describe.each(flowTargets())('what an attacker learns on $name', (target) => {
  it('gets the same forgot-password answer for unknown, active, locked, deactivated and pending identifiers', async () => {
    const page = await openPage(browser(), target.baseURL);
    await signIn(page, 'en', e2eAccounts.enumLocked.email, 'not the password 1');
    for (let attempt = 2; attempt <= 5; attempt += 1) await submitPassword(page, `not the password ${attempt}`);

    const identifiers = {
      unknown: 'nobody.here@example.com',
      active: e2eAccounts.enumActive.email,
      locked: e2eAccounts.enumLocked.email,
      deactivated: e2eAccounts.deactivated.email,
      pending: e2eAccounts.enumPending.email,
    };
    const answers: Record<string, ReturnType<typeof observable>> = {};
    const landings: Record<string, string> = {};
    for (const [kind, identifier] of Object.entries(identifiers)) {
      const data = await formFields(target.baseURL, '/en/forgot-password', { identifier });
      const response = await postRaw(target.baseURL, '/en/forgot-password', data, { origin: target.baseURL });
      answers[kind] = observable(response);
      const landing = await fetch(`${target.baseURL}${response.headers.location}`, {
        headers: { cookie: String(response.headers['set-cookie']).split(';')[0]! },
      });
      // The page as shown; the code form is prefilled with what the person typed.
      const main = /<main[\s\S]*<\/main>/.exec(await landing.text())?.[0] ?? '';
      landings[kind] = main.replace(/name="identifier" value="[^"]*"/, '').replace(/\$ACTION_KEY" value="[^"]*"/, '');
    }
    expect(answers.unknown?.status).toBe(303);
    expect(answers.unknown?.headers.location).toBe('/en/reset-password/code?sent=1');
    for (const kind of Object.keys(identifiers)) {
      expect(answers[kind], kind).toEqual(answers.unknown);
      expect(landings[kind], kind).toBe(landings.unknown);
    }
  });

  it('builds the reset link from APP_URL, whatever Host and X-Forwarded-Host say', async () => {
    const account = e2eAccounts.hostCheck;
    const seen = await countEmailsTo(target, account.email);
    const data = await formFields(target.baseURL, '/en/forgot-password', { identifier: account.email });
    const response = await postRaw(target.baseURL, '/en/forgot-password', data, {
      host: 'evil.test',
      'x-forwarded-host': 'evil.test',
    });
    expect(response.status).toBe(303);
    const email = await nextEmailTo(target, account.email, seen);
    expect(email.text).not.toContain('evil.test');
    expect(linkIn(email, '/en/reset-password').startsWith(`${target.baseURL}/en/reset-password?token=`)).toBe(true);
  });

  it('refuses a cross-site post that hides its origin, while the same post from the site itself works', async () => {
    const data = await formFields(target.baseURL, '/en/magic-link', { identifier: 'someone@example.com' });
    const crossSite = await postRaw(target.baseURL, '/en/magic-link', data, { origin: 'null', 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(String(crossSite.headers['set-cookie'])).not.toContain('sesame-recovery');
    const sameSite = await postRaw(target.baseURL, '/en/magic-link', data, { origin: 'null', 'sec-fetch-site': 'same-origin' });
    expect(sameSite.status).toBe(303);
  });
});
