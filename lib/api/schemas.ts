import { z } from 'zod';
import { userListFields, USERS_PAGE_SIZE } from '@/lib/admin/user-list-query';
import { EXACT_COUNT_LIMIT, EXACT_SEARCH_COUNT_LIMIT } from '@/lib/db/row-count';
import { accountStates, locales, roles } from '@/lib/db/schema';

// What each route of the API reads and answers, once: the routes parse their queries and type
// their answers with these, and the OpenAPI document is generated from them (openapi.ts), so
// the description cannot drift from what the code does.

/** The named schemas, the OpenAPI document's components. */
export const apiComponents = z.registry<{ id: string }>();

/** GET /users: a program is told what it got wrong, since a filter silently dropped would answer another question. */
export const usersQuery = z.object({
  q: userListFields.q.default('').meta({ description: 'Searched in name, email, username and phone (wildcards are literal).' }),
  state: userListFields.state.optional(),
  team: userListFields.team.optional().meta({ description: 'A team id; a manager sees only their own team whatever this says.' }),
  sort: userListFields.sort.default('name'),
  cursor: userListFields.cursor.optional().meta({
    description:
      'Where the page starts: the `next` of the previous answer, with the same `sort` (and the same filters, to keep reading the same list). Without it, the first page. Accounts added or changed meanwhile never make a page skip or repeat one.',
  }),
});

const team = z.object({ id: z.uuid(), name: z.string().nullable() }).register(apiComponents, { id: 'Team' });

export const profile = z
  .object({
    id: z.uuid(),
    email: z.email(),
    username: z.string().nullable(),
    name: z.string(),
    locale: z.enum(locales),
    role: z.enum(roles),
    team: team.nullable(),
    state: z.enum(accountStates),
  })
  .register(apiComponents, { id: 'Profile' });

export const listedUser = profile
  .extend({
    phone: z.string().nullable().meta({ description: 'E.164' }),
    locked: z.boolean().meta({ description: 'Sign-in is paused after too many failures.' }),
    twoStep: z.boolean(),
    createdAt: z.iso.datetime(),
    lastSignInAt: z.iso.datetime().nullable(),
  })
  .register(apiComponents, { id: 'ListedUser' });

export const userPage = z
  .object({
    users: z.array(listedUser).max(USERS_PAGE_SIZE),
    next: z.string().nullable().meta({
      description: 'An opaque cursor: pass it as `cursor` for the next page; null on the last page. Its form may change: read nothing into it.',
    }),
    total: z
      .object({
        value: z.int(),
        relation: z.enum(['exact', 'about', 'atLeast']).meta({
          description: '`exact`: the count; `about`: an estimate (two significant digits); `atLeast`: more than `value`, with no closer estimate.',
        }),
      })
      .meta({
        description: `How many accounts match: counted exactly up to ${EXACT_COUNT_LIMIT.toLocaleString('en')} (${EXACT_SEARCH_COUNT_LIMIT.toLocaleString('en')} with \`q\`), estimated by the database past that.`,
      }),
  })
  .register(apiComponents, { id: 'UserPage' });

/** What is wrong with one parameter of a request. */
const queryIssue = z.object({ parameter: z.string(), problem: z.string() });
export type QueryIssue = z.infer<typeof queryIssue>;

/** The stable part is `code`; `message` is for the person reading a log. */
const apiErrorCodes = [
  'missing_key',
  'invalid_key',
  'key_in_query',
  'forbidden',
  'two_step_required',
  'invalid_request',
  'not_found',
  'rate_limited',
  'unavailable',
  'internal_error',
] as const;
export type ApiErrorCode = (typeof apiErrorCodes)[number];

export const apiErrorBody = z
  .object({
    error: z.object({
      code: z.enum(apiErrorCodes),
      message: z.string().meta({ description: 'For people; the code is the stable part.' }),
      details: z.array(queryIssue).optional(),
    }),
  })
  .register(apiComponents, { id: 'Error' });
