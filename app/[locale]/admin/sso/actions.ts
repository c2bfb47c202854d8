'use server';

import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { defineFormAction, defineSubmitAction } from '@/lib/actions/define-form-action';
import { deleteConnectionByAdmin, saveConnectionByAdmin, testConnectionByAdmin } from '@/lib/admin/sso-connections';
import { redirect } from '@/lib/i18n/navigation';
import { connectionForm } from '@/lib/sso/connection-input';

const access = { permission: { action: 'sso.manage', returnTo: '/admin/sso' } } as const;
// '' for a new connection; anything else must name one, or the answer is "not found".
const connectionId = z.string().max(64, 'tooLong');
const existing = (id: string) => {
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) notFound();
  return parsed.data;
};

/** Every field but the secret comes back with a refusal, so nothing typed is lost. */
export const saveConnectionAction = defineFormAction(
  {
    name: 'admin save sso connection',
    schema: connectionForm.extend({ connectionId }),
    access,
    errors: 'AdminSso.errors',
    keep: ['name', 'issuer', 'clientId', 'scopes', 'domains', 'mode', 'createAccounts', 'defaultTeamId', 'defaultRole'],
  },
  async ({ input, session, locale, request, t, fail }) => {
    const { connectionId: id, ...form } = input;
    const result = await saveConnectionByAdmin(session.user, id ? existing(id) : null, form, request);
    if (result.ok) return redirect({ href: { pathname: `/admin/sso/${result.id}`, query: { done: 'saved' } }, locale });
    if (result.problems === 'forbidden' || result.problems === 'notFound') notFound();
    const fieldErrors: Record<string, string[]> = {};
    for (const problem of result.problems) {
      const message =
        problem.field === 'domains' && problem.code === 'taken'
          ? t('domains.taken', { domains: (problem.domains ?? []).join(', ') })
          : t(`${problem.field}.${problem.code}` as 'name.required');
      (fieldErrors[problem.field] ??= []).push(message);
    }
    return fail({ fieldErrors });
  },
);

/**
 * "Test this connection": the provider's discovery document, read with what is saved. The
 * answer is worded here; the authorization endpoint comes from the provider and is shown as text.
 */
export const testConnectionAction = defineFormAction(
  { name: 'admin test sso connection', schema: z.object({ connectionId }), access, errors: 'AdminSso.errors' },
  async ({ input, session, locale, fail }) => {
    const check = await testConnectionByAdmin(session.user, existing(input.connectionId));
    if (!check) notFound();
    const t = await getTranslations({ locale, namespace: 'AdminSso.test' });
    if (!check.ok) return fail({ formError: t(`problems.${check.problem}`) });
    return { ok: true, data: { message: t('ok', { endpoint: check.authorizationEndpoint }) } };
  },
);

export const deleteConnectionAction = defineSubmitAction(
  { name: 'admin delete sso connection', schema: z.object({ connectionId }), access, errors: 'AdminSso.errors' },
  async ({ input, session, locale, request }) => {
    const deleted = await deleteConnectionByAdmin(session.user, existing(input.connectionId), request);
    return redirect({ href: { pathname: '/admin/sso', query: deleted ? { done: 'deleted' } : { problem: 'gone' } }, locale });
  },
);
