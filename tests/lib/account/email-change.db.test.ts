import { describe, expect, it } from 'vitest';
import {
  cancelEmailChange,
  confirmEmailChangeCode,
  confirmEmailChangeLink,
  openEmailChangeLink,
  pendingEmailChange,
  requestEmailChange,
} from '@/lib/account/email-change';
import { eq } from 'drizzle-orm';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { db } from '@/lib/db/client';
import { sessions } from '@/lib/db/schema';
import { completeReset } from '@/lib/recovery/reset-password';
import { requestEmailedLink } from '@/lib/recovery/request-email';
import { findUserById } from '@/lib/db/users';
import { withMigratedDatabase } from '../../helpers/database';
import { handleQueuedRequests } from '../../helpers/jobs';
import { emailsTo, latestEmailTo } from '../../helpers/emails';
import { GOOD_PASSWORD, makeUser } from '../../helpers/users';

withMigratedDatabase();

const request = { ip: '198.51.100.40' };

async function person(locale: 'en' | 'fr' = 'fr') {
  const made = await makeUser({ locale });
  return (await findUserById(made.id))!;
}

describe('changing the email address', () => {
  it('changes nothing until the new address proves itself, and tells the old one at once', async () => {
    const user = await person();
    const target = `new-${user.id.slice(0, 8)}@example.com`;
    expect(await requestEmailChange(user, ` ${target.toUpperCase()} `, request)).toEqual({ ok: true, newEmail: target });
    expect((await findUserById(user.id))!.email).toBe(user.email);
    expect(await pendingEmailChange(user.id)).toBe(target);

    const verify = await latestEmailTo(target);
    expect([verify?.template, verify?.locale]).toEqual(['emailChangeVerify', 'fr']);
    const notice = await latestEmailTo(user.email);
    expect([notice?.template, notice?.props.newEmail]).toEqual(['emailChangeRequested', target]);

    // Opening the link spends nothing; its button does, once.
    const token = verify!.secrets.token!;
    expect(await openEmailChangeLink(token)).toMatchObject({ ok: true });
    const results = await Promise.all(Array.from({ length: 4 }, () => confirmEmailChangeLink(token, request)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect((await findUserById(user.id))!.email).toBe(target);
    expect((await latestEmailTo(user.email))?.template).toBe('emailChanged');
    expect((await signInWithPassword({ identifier: target, password: GOOD_PASSWORD, ip: null, userAgent: null, knownDevices: [] })).ok).toBe(true);
  });

  it('accepts the code on the account page, counted before it is compared', async () => {
    const user = await person('en');
    const target = `code-${user.id.slice(0, 8)}@example.com`;
    await requestEmailChange(user, target, request);
    const { code } = (await latestEmailTo(target))!.secrets;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let index = 0; index < 4; index += 1) expect(await confirmEmailChangeCode(user.id, wrong, request)).toEqual({ ok: false, problem: 'wrongCode' });
    expect(await confirmEmailChangeCode(user.id, code!, request)).toEqual({ ok: true, newEmail: target });

    // A fifth wrong code ends that code: the right one no longer works.
    const next = `code2-${user.id.slice(0, 8)}@example.com`;
    await requestEmailChange((await findUserById(user.id))!, next, request);
    const second = (await latestEmailTo(next))!.secrets.code!;
    const wrongAgain = second === '000000' ? '111111' : '000000';
    for (let index = 0; index < 5; index += 1) await confirmEmailChangeCode(user.id, wrongAgain, request);
    expect(await confirmEmailChangeCode(user.id, second, request)).toMatchObject({ ok: false });
    expect((await findUserById(user.id))!.email).toBe(target);
  });

  it('refuses an address another account uses, its own address, and one it cannot read', async () => {
    const other = await person();
    const user = await person();
    expect(await requestEmailChange(user, other.email, request)).toEqual({ ok: false, problem: 'taken' });
    expect(await requestEmailChange(user, user.email, request)).toEqual({ ok: false, problem: 'same' });
    expect(await requestEmailChange(user, 'not an address', request)).toEqual({ ok: false, problem: 'invalid' });
  });

  it('"this wasn’t me" undoes a change already made, signs everyone out and sends a reset to the old address', async () => {
    const user = await person();
    const target = `thief-${user.id.slice(0, 8)}@example.com`;
    await requestEmailChange(user, target, request);
    await confirmEmailChangeLink((await latestEmailTo(target))!.secrets.token!, request);
    const changed = await latestEmailTo(user.email);
    expect(changed?.template).toBe('emailChanged');
    const thief = await signInWithPassword({ identifier: target, password: GOOD_PASSWORD, ip: null, userAgent: null, knownDevices: [] });
    expect(thief).toMatchObject({ ok: true, outcome: { next: 'session' } });

    expect(await cancelEmailChange(changed!.secrets.token!, request)).toEqual({ ok: true });
    expect((await findUserById(user.id))!.email).toBe(user.email);
    expect(await db().select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    const sent = await emailsTo(user.email);
    expect(sent.at(-1)?.template).toBe('passwordReset');
    expect(await cancelEmailChange(changed!.secrets.token!, request)).toMatchObject({ ok: false });
  });

  it('"this wasn’t me" before the new address is confirmed stops the change for good', async () => {
    const user = await person();
    const target = `later-${user.id.slice(0, 8)}@example.com`;
    await requestEmailChange(user, target, request);
    const verifyToken = (await latestEmailTo(target))!.secrets.token!;
    const requested = (await emailsTo(user.email)).find((email) => email.template === 'emailChangeRequested');
    expect(await cancelEmailChange(requested!.secrets.token!, request)).toEqual({ ok: true });
    expect(await confirmEmailChangeLink(verifyToken, request)).toMatchObject({ ok: false });
    expect((await findUserById(user.id))!.email).toBe(user.email);
  });

  it('"this wasn’t me" survives a reset and a second change by whoever made the first, and outranks their own links', async () => {
    const user = await person();
    const thiefAddress = `taker-${user.id.slice(0, 8)}@example.com`;
    await requestEmailChange(user, thiefAddress, request);
    await confirmEmailChangeLink((await latestEmailTo(thiefAddress))!.secrets.token!, request);
    const ownersLink = (await latestEmailTo(user.email))!.secrets.token!;

    // The taker resets the password through the new address, then moves the account on again.
    await requestEmailedLink({ kind: 'password_reset', identifier: thiefAddress, locale: 'fr', ip: request.ip });
    await handleQueuedRequests();
    const reset = (await latestEmailTo(thiefAddress))!.secrets.token!;
    const theirs = 'borrowed velvet canyon 31';
    expect(await completeReset({ token: reset, password: theirs, confirmation: theirs, ip: request.ip })).toMatchObject({ ok: true });
    const further = `further-${user.id.slice(0, 8)}@example.com`;
    await requestEmailChange((await findUserById(user.id))!, further, request);
    await confirmEmailChangeLink((await latestEmailTo(further))!.secrets.token!, request);
    const takersLink = (await latestEmailTo(thiefAddress))!.secrets.token!;

    expect(await cancelEmailChange(ownersLink, request)).toEqual({ ok: true });
    expect((await findUserById(user.id))!.email).toBe(user.email);
    expect(await cancelEmailChange(takersLink, request)).toEqual({ ok: false, problem: 'changeCancelled' });
    expect((await findUserById(user.id))!.email).toBe(user.email);
  });
});
