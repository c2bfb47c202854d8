import 'server-only';
import { randomUUID } from 'node:crypto';
import { unstable_rethrow } from 'next/navigation';
import { headers } from 'next/headers';
import type { Messages, NamespaceKeys, NestedKeyOf } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import type { z } from 'zod';
import { requireRecentSession, requireSession, type CurrentSession } from '@/lib/auth/current-session';
import type { AdminAction } from '@/lib/permissions/policy';
import { requireRecentPermission } from '@/lib/permissions/require-permission';
import { toLocale } from '@/lib/i18n/locale';
import type { AppLocale } from '@/lib/i18n/routing';
import { requestLogger } from '@/lib/observability/logger';
import { requestInfo } from '@/lib/request-info';
import { formInput } from './form-input';
import { noResult, type FormResult } from './form-result';

/**
 * Who may call an action: anyone; a signed-in person (sent to sign in, and back, otherwise);
 * one who signed in or confirmed their password within the last minutes (asked for it, and
 * brought back, otherwise); or one whose role may do an admin action at all (everyone else
 * gets "not found") — the action itself still finds its target through the actor's reach.
 * `returnTo` is a path without its language.
 */
export type Access =
  | 'public'
  | { signedIn: { returnTo: string } }
  | { recentlyConfirmed: { returnTo: string } }
  | { permission: { action: AdminAction; returnTo: string } };

/**
 * What a handler gets: the form's fields parsed by its schema, the language of the form, who
 * is asking and from where, and `fail`, which words a failure in that language.
 */
export interface ActionContext<Input, Session, Words = unknown> {
  input: Input;
  locale: AppLocale;
  /** The form's words (its `errors` namespace), in its language. */
  t: Words;
  request: { ip: string | null; userAgent: string | null };
  session: Session;
  fail(messages: { formError?: string; fieldErrors?: Record<string, string[] | undefined> }): FailedResult;
}

type FailedResult = Extract<FormResult<never>, { ok: false }>;
type Namespace = NamespaceKeys<Messages, NestedKeyOf<Messages>>;

type Options<Schema, N extends Namespace = Namespace> = { name: string; schema: Schema; access: Access; errors: N; keep?: string[]; files?: string[] };
type Words<N extends Namespace> = Awaited<ReturnType<typeof getTranslations<N>>>;
// An object of text fields: every field the schema names is read as text ('' when absent or a file).
type AnySchema = z.ZodObject;
type Handler<Schema extends AnySchema, Session, Data, N extends Namespace = Namespace> = (
  context: ActionContext<z.output<Schema>, Session, Words<N>>,
) => Promise<FormResult<Data>>;
type PublicOptions<Schema, N extends Namespace> = Options<Schema, N> & { access: 'public' };
type SignedInOptions<Schema, N extends Namespace> = Options<Schema, N> & { access: Exclude<Access, 'public'> };

/**
 * The one way a form's server action is written. It reads the posted form (anything that is
 * not a form reads as an empty one), binds and validates the form's language, checks who is
 * calling, parses the fields with the schema — whose error messages are message keys in
 * `errors` — hands the handler what it needs, and turns an unexpected failure into a localized
 * "try again" (logged by name only: nothing typed reaches the log). Fields listed in `keep`
 * come back with every failure, so nothing typed is lost; secrets are never listed there.
 * Fields listed in `files` are uploads, read as the text of the file ('' when none was sent).
 */
export function defineFormAction<Schema extends AnySchema, N extends Namespace, Data = undefined>(
  options: PublicOptions<Schema, N>,
  handler: Handler<Schema, null, Data, N>,
): (previous: FormResult<Data>, posted: FormData) => Promise<FormResult<Data>>;
export function defineFormAction<Schema extends AnySchema, N extends Namespace, Data = undefined>(
  options: SignedInOptions<Schema, N>,
  handler: Handler<Schema, CurrentSession, Data, N>,
): (previous: FormResult<Data>, posted: FormData) => Promise<FormResult<Data>>;
export function defineFormAction<Schema extends AnySchema, Data>(options: Options<Schema>, handler: Handler<Schema, never, Data>) {
  return pipeline(options, handler);
}

/**
 * A form without an error line of its own — a single button such as "Sign me in" or "Sign
 * out" — through the same pipeline. Its handler answers with a redirect; an unexpected
 * failure, once logged, shows the localized error page.
 */
export function defineSubmitAction<Schema extends AnySchema, N extends Namespace>(
  options: PublicOptions<Schema, N>,
  handler: Handler<Schema, null, undefined, N>,
): (posted: FormData) => Promise<void>;
export function defineSubmitAction<Schema extends AnySchema, N extends Namespace>(
  options: SignedInOptions<Schema, N>,
  handler: Handler<Schema, CurrentSession, undefined, N>,
): (posted: FormData) => Promise<void>;
export function defineSubmitAction<Schema extends AnySchema>(options: Options<Schema>, handler: Handler<Schema, never, undefined>) {
  const action = pipeline(options, handler);
  return async (posted: FormData): Promise<void> => {
    const result = await action(noResult, posted);
    if (unexpectedFailures.has(result)) throw new Error(`${options.name} failed`);
  };
}

/** The answers of handlers that failed unexpectedly (as opposed to refusing what was posted). */
const unexpectedFailures = new WeakSet<object>();

function pipeline<Schema extends AnySchema, Data>(options: Options<Schema>, handler: Handler<Schema, never, Data>) {
  return async function action(_previous: FormResult<Data>, posted: FormData): Promise<FormResult<Data>> {
    const form = formInput(posted);
    const locale = toLocale(form.get('locale'));
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : '';
    };
    const values = Object.fromEntries((options.keep ?? []).map((name) => [name, text(name)]));
    const failed = (result: Omit<FailedResult, 'attempt' | 'values'>): FailedResult => ({ ...result, values, attempt: randomUUID() });

    // Public actions do not look the session up: sign-in answers stay one query lighter.
    const { access } = options;
    const session =
      access === 'public'
        ? null
        : 'permission' in access
          ? await requireRecentPermission(locale, access.permission.action, access.permission.returnTo)
          : 'recentlyConfirmed' in access
            ? await requireRecentSession(locale, access.recentlyConfirmed.returnTo)
            : await requireSession(locale, access.signedIn.returnTo);

    // A list in the schema (ticked boxes) reads every value of its name; anything else, one text.
    const isList = (field: unknown) => (field as { def?: { type?: string } }).def?.type === 'array';
    const list = (name: string) => form.getAll(name).filter((value) => typeof value === 'string');
    const upload = async (name: string) => {
      const value = form.get(name);
      return value instanceof File ? value.text() : '';
    };
    const files = Object.fromEntries(await Promise.all((options.files ?? []).map(async (name) => [name, await upload(name)])));
    const fields = Object.fromEntries(
      Object.entries(options.schema.shape).map(([name, field]) => [name, name in files ? files[name] : isList(field) ? list(name) : text(name)]),
    );
    const parsed = options.schema.safeParse(fields);
    const t = await getTranslations({ locale, namespace: options.errors });
    if (!parsed.success) {
      // Schemas word their errors as keys of the form's namespace, with any values in `params`.
      // A field the page fills for itself (an id, a choice) is checked without words of its
      // own: tampered with or stale, the form says so on its own line.
      const word = t as unknown as { (key: string, values?: Record<string, unknown>): string; has(key: string): boolean };
      const fieldErrors: Record<string, string[]> = {};
      let formError: string | undefined;
      for (const issue of parsed.error.issues) {
        const params = issue.code === 'custom' ? (issue as { params?: Record<string, unknown> }).params : undefined;
        if (word.has(issue.message)) (fieldErrors[String(issue.path[0] ?? '')] ??= []).push(word(issue.message, params));
        else formError ??= (await getTranslations({ locale, namespace: 'Error' }))('invalidValue');
      }
      return failed({ ok: false, fieldErrors, ...(formError && { formError }) });
    }

    try {
      const result = await handler({
        input: parsed.data,
        locale,
        t: t as never,
        request: await requestInfo(),
        session: session as never,
        fail: (messages) => failed({ ok: false, ...messages }),
      });
      return result.ok ? result : { ...result, values: { ...values, ...result.values }, attempt: result.attempt ?? randomUUID() };
    } catch (error) {
      // redirect() and notFound() are thrown on purpose: they are answers, not failures.
      unstable_rethrow(error);
      requestLogger(await headers()).error({ err: error, action: options.name }, 'server action failed');
      const t = await getTranslations({ locale, namespace: 'Error' });
      const result = failed({ ok: false, formError: t('action') });
      unexpectedFailures.add(result);
      return result;
    }
  };
}
