import 'server-only';
import { USERS_PAGE_SIZE } from '@/lib/admin/user-list-query';
import { EXACT_COUNT_LIMIT, EXACT_SEARCH_COUNT_LIMIT } from '@/lib/db/row-count';
import { env } from '@/lib/env';
import { currentMessages } from '@/lib/i18n/message-cache';
import { apiErrorCodes } from './responses';

// The API's description for clients and their generators. It is written by hand next to the
// routes it describes; the route tests check that it names each of them.

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const refusals = {
  '400': errorResponse(
    '`key_in_query`: a key was sent in the address (refused even when valid); `invalid_request`: a filter has a value it cannot have, a `cursor` is not a `next` of this list in this sort, or a `page` number was sent (pages are cursors).',
  ),
  '401': errorResponse('`missing_key`: no `Authorization: Bearer` header; `invalid_key`: unknown or revoked key, or its account is not active.'),
  '403': errorResponse(
    '`two_step_required`: the key’s account manages other accounts (administrator or manager) and has no 2-step verification, which the site requires of such accounts; its keys work again once it is turned on.',
  ),
  '429': errorResponse(
    '`rate_limited`: too many requests with this key in the last minute, or too many requests without a valid key from this address; try again after the `Retry-After` header’s seconds.',
  ),
  '503': errorResponse('`unavailable`: the service is briefly out of reach; try again after the `Retry-After` header’s seconds.'),
};

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: `${currentMessages('en').Metadata.siteName} API`,
      version: '1',
      description:
        `Read accounts with an access key an administrator made for you. The key acts with the rights of its account, as they are at each request. Send it only in the \`Authorization: Bearer\` header. Each key may make ${env().API_KEY_RATE_LIMIT} requests a minute; past that, or after repeated requests without a valid key from one address, the answer is 429 \`rate_limited\` with \`Retry-After\`. An address the API does not serve answers 404 \`not_found\`.`,
    },
    servers: [{ url: `${env().APP_URL}/api/v1` }],
    security: [{ accessKey: [] }],
    paths: {
      '/me': {
        get: {
          operationId: 'getMe',
          summary: 'The account the key belongs to',
          responses: {
            '200': { description: 'The account.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Profile' } } } },
            ...refusals,
          },
        },
      },
      '/users': {
        get: {
          operationId: 'listUsers',
          summary: 'The accounts the key’s account may list',
          description: 'Administrators list every account, managers the plain users of their team; anyone else is refused (403 `forbidden`).',
          parameters: [
            { name: 'q', in: 'query', description: 'Searched in name, email, username and phone (wildcards are literal).', schema: { type: 'string', maxLength: 200 } },
            { name: 'state', in: 'query', schema: { type: 'string', enum: ['active', 'locked', 'deactivated', 'pending'] } },
            { name: 'team', in: 'query', description: 'A team id; a manager sees only their own team whatever this says.', schema: { type: 'string', format: 'uuid' } },
            { name: 'sort', in: 'query', schema: { type: 'string', enum: ['name', 'created', 'lastSignIn'], default: 'name' } },
            {
              name: 'cursor',
              in: 'query',
              description:
                'Where the page starts: the `next` of the previous answer, with the same `sort` (and the same filters, to keep reading the same list). Without it, the first page. Accounts added or changed meanwhile never make a page skip or repeat one.',
              schema: { type: 'string', maxLength: 1024 },
            },
          ],
          responses: {
            '200': { description: 'One page of accounts.', content: { 'application/json': { schema: { $ref: '#/components/schemas/UserPage' } } } },
            ...refusals,
            '403': errorResponse('`forbidden`: the key’s account may not list accounts; `two_step_required`: as for every route.'),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        accessKey: { type: 'http', scheme: 'bearer', description: 'An access key: `ssm_` followed by 43 characters.' },
      },
      schemas: {
        Team: {
          type: 'object',
          required: ['id', 'name'],
          properties: { id: { type: 'string', format: 'uuid' }, name: { type: ['string', 'null'] } },
        },
        Profile: {
          type: 'object',
          required: ['id', 'email', 'username', 'name', 'locale', 'role', 'team', 'state'],
          properties: {
            id: { type: 'string', format: 'uuid' },
            email: { type: 'string', format: 'email' },
            username: { type: ['string', 'null'] },
            name: { type: 'string' },
            locale: { type: 'string', enum: ['en', 'fr'] },
            role: { type: 'string', enum: ['user', 'manager', 'admin', 'editor'] },
            team: { oneOf: [{ $ref: '#/components/schemas/Team' }, { type: 'null' }] },
            state: { type: 'string', enum: ['pending', 'active', 'deactivated'] },
          },
        },
        ListedUser: {
          allOf: [
            { $ref: '#/components/schemas/Profile' },
            {
              type: 'object',
              required: ['phone', 'locked', 'twoStep', 'createdAt', 'lastSignInAt'],
              properties: {
                phone: { type: ['string', 'null'], description: 'E.164' },
                locked: { type: 'boolean', description: 'Sign-in is paused after too many failures.' },
                twoStep: { type: 'boolean' },
                createdAt: { type: 'string', format: 'date-time' },
                lastSignInAt: { type: ['string', 'null'], format: 'date-time' },
              },
            },
          ],
        },
        UserPage: {
          type: 'object',
          required: ['users', 'next', 'total'],
          properties: {
            users: { type: 'array', items: { $ref: '#/components/schemas/ListedUser' }, maxItems: USERS_PAGE_SIZE },
            next: {
              type: ['string', 'null'],
              description: 'An opaque cursor: pass it as `cursor` for the next page; null on the last page. Its form may change: read nothing into it.',
            },
            total: {
              type: 'object',
              required: ['value', 'relation'],
              description: `How many accounts match: counted exactly up to ${EXACT_COUNT_LIMIT.toLocaleString('en')} (${EXACT_SEARCH_COUNT_LIMIT.toLocaleString('en')} with \`q\`), estimated by the database past that.`,
              properties: {
                value: { type: 'integer' },
                relation: {
                  type: 'string',
                  enum: ['exact', 'about', 'atLeast'],
                  description: '`exact`: the count; `about`: an estimate (two significant digits); `atLeast`: more than `value`, with no closer estimate.',
                },
              },
            },
          },
        },
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', enum: [...apiErrorCodes] },
                message: { type: 'string', description: 'For people; the code is the stable part.' },
                details: { type: 'array', items: { type: 'object', properties: { parameter: { type: 'string' }, problem: { type: 'string' } } } },
              },
            },
          },
        },
      },
    },
  };
}
