'use server';

import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { defineFormAction, defineSubmitAction } from '@/lib/actions/define-form-action';
import { redirect } from '@/lib/i18n/navigation';
import type { AppLocale } from '@/lib/i18n/routing';
import { frenchSpacing } from '@/lib/i18n/typography';
import type { TranslationProblem } from '@/lib/translations/check';
import { discardDraft, importOverrides, publishDrafts, revertToShipped, rollBackTo, saveDraft } from '@/lib/translations/editor';
import { isSensitiveKey } from '@/lib/translations/sensitive';

const RETURN_TO = '/admin/translations';
const access = { permission: { action: 'translations.edit', returnTo: RETURN_TO } } as const;
const oneText = { key: z.string().max(300), language: z.enum(['en', 'fr']) };

/** The problems of a value, in the editor's language. */
async function worded(locale: AppLocale, problems: TranslationProblem[]): Promise<string[]> {
  const t = await getTranslations({ locale, namespace: 'Admin.translations.problems' });
  return problems.map((problem) => ('names' in problem ? t(problem.code, { names: problem.names.join(', ') }) : t(problem.code, { max: 'max' in problem ? problem.max : 0 })));
}

const editPage = (key: string, query: Record<string, string>, locale: AppLocale) =>
  redirect({ href: { pathname: `${RETURN_TO}/edit`, query: { key, ...query } }, locale });

/** A typed text becomes the key's draft; refused with what is wrong, and what was typed kept. */
export const saveDraftAction = defineFormAction(
  {
    name: 'translations save draft',
    schema: z.object({ ...oneText, value: z.string().max(20_000, 'tooLong'), typography: z.string() }),
    access,
    errors: 'Admin.translations.errors',
    keep: ['value'],
  },
  async ({ input, session, locale, fail }) => {
    const value = input.language === 'fr' && input.typography === 'on' ? frenchSpacing(input.value) : input.value;
    const result = await saveDraft(session.user, input.language, input.key, value);
    if (!result.ok && result.problem === 'invalid') return fail({ fieldErrors: { value: await worded(locale, result.problems) } });
    if (!result.ok) notFound();
    return editPage(input.key, { done: 'saved' }, locale);
  },
);

export const publishAction = defineSubmitAction(
  { name: 'translations publish', schema: z.object(oneText), access, errors: 'Admin.translations.errors' },
  async ({ input, session, locale, request }) => {
    const result = await publishDrafts(session.user, { locale: input.language, key: input.key }, request);
    if (!result.ok && result.problem === 'forbidden') notFound();
    if (result.ok) return editPage(input.key, { done: isSensitiveKey(input.key) ? 'approved' : 'published' }, locale);
    return editPage(input.key, { problem: result.problem }, locale);
  },
);

export const publishAllAction = defineSubmitAction(
  { name: 'translations publish all', schema: z.object({}), access, errors: 'Admin.translations.errors' },
  async ({ session, locale, request }) => {
    const result = await publishDrafts(session.user, 'all', request);
    if (!result.ok && result.problem === 'forbidden') notFound();
    const query = result.ok
      ? { done: 'publishedAll', waiting: String(result.awaitingApproval) }
      : result.problem === 'needsApproval'
        ? { problem: 'allAwaitApproval', waiting: String(result.awaitingApproval) }
        : { problem: 'nothing' };
    return redirect({ href: { pathname: RETURN_TO, query }, locale });
  },
);

export const discardAction = defineSubmitAction(
  { name: 'translations discard draft', schema: z.object(oneText), access, errors: 'Admin.translations.errors' },
  async ({ input, session, locale }) => {
    const result = await discardDraft(session.user, input.language, input.key);
    if (!result.ok && result.problem === 'forbidden') notFound();
    return editPage(input.key, result.ok ? { done: 'discarded' } : { problem: 'nothing' }, locale);
  },
);

export const revertAction = defineSubmitAction(
  { name: 'translations revert', schema: z.object(oneText), access, errors: 'Admin.translations.errors' },
  async ({ input, session, locale, request }) => {
    const result = await revertToShipped(session.user, input.language, input.key, request);
    if (!result.ok && result.problem === 'forbidden') notFound();
    return editPage(input.key, result.ok ? { done: 'reverted' } : { problem: 'nothing' }, locale);
  },
);

export const rollbackAction = defineSubmitAction(
  { name: 'translations roll back', schema: z.object({ key: z.string().max(300), changeId: z.string().regex(/^\d{1,15}$/) }), access, errors: 'Admin.translations.errors' },
  async ({ input, session, locale, request }) => {
    const result = await rollBackTo(session.user, Number(input.changeId), request);
    if (!result.ok && (result.problem === 'forbidden' || result.problem === 'notFound')) notFound();
    return editPage(input.key, result.ok ? { done: 'rolledBack' } : { problem: 'rollback' }, locale);
  },
);

export type ImportReport = {
  summary: string;
  lines: Array<{ language: string; key: string; status: string; problems: string[] }>;
};

/** A translation agency's file: every text checked and reported on; the valid ones become drafts. */
export const importAction = defineFormAction(
  {
    name: 'translations import',
    schema: z.object({ file: z.string().max(1_000_000, 'tooLong') }),
    access,
    errors: 'Admin.translations.errors',
    files: ['file'],
  },
  async ({ input, session, locale, request, fail }) => {
    const result = await importOverrides(session.user, input.file, request);
    const t = await getTranslations({ locale, namespace: 'Admin.translations' });
    if (!result.ok && result.problem === 'forbidden') notFound();
    if (!result.ok) return fail({ fieldErrors: { file: [t('importFormat', { en: '"en"', fr: '"fr"' })] } });
    const count = (status: string) => result.lines.filter((line) => line.status === status).length;
    const lines = await Promise.all(
      result.lines.map(async (line) => ({
        language: t(`languages.${line.locale}`),
        key: line.key,
        status: t(`importStatus.${line.status}`),
        problems: await worded(locale, line.problems),
      })),
    );
    return { ok: true, data: { summary: t('importReport', { saved: count('saved'), unchanged: count('unchanged'), invalid: count('invalid') }), lines } satisfies ImportReport };
  },
);
