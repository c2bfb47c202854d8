import 'server-only';
import { env } from '@/lib/env';
import { currentMessages } from '@/lib/i18n/message-cache';

// The API's description for clients and their generators. It is written by hand next to the
// routes it describes; the route tests check that it names each of them.

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const refusals = {
  '400': errorResponse('`key_in_query`: a key was sent in the address (refused even when valid); `invalid_request`: a filter has a value it cannot have.'),
  '401': errorResponse('`missing_key`: no `Authorization: Bearer` header; `invalid_key`: unknown or revoked key, or its account is not active.'),
  '503': errorResponse('`unavailable`: the service is briefly out of reach; try again after the `Retry-After` header’s seconds.'),
};

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: `${currentMessages('en').Metadata.siteName} API`,
      version: '1',
      description:
        'Read accounts with an access key an administrator made for you. The key acts with the rights of its account, as they are at each request. Send it only in the `Authorization: Bearer` header.',
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
            { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100000, default: 1 } },
          ],
          responses: {
            '200': { description: 'One page of accounts.', content: { 'application/json': { schema: { $ref: '#/components/schemas/UserPage' } } } },
            ...refusals,
            '403': errorResponse('`forbidden`: the key’s account may not list accounts.'),
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
          required: ['users', 'page', 'pageSize', 'total', 'nextPage'],
          properties: {
            users: { type: 'array', items: { $ref: '#/components/schemas/ListedUser' } },
            page: { type: 'integer' },
            pageSize: { type: 'integer' },
            total: { type: 'integer' },
            nextPage: { type: ['integer', 'null'], description: 'The `page` to ask for next, or null on the last page.' },
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
                code: { type: 'string', enum: ['missing_key', 'invalid_key', 'key_in_query', 'forbidden', 'invalid_request', 'unavailable', 'internal_error'] },
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
