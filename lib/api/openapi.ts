import 'server-only';
import { z } from 'zod';
import { env } from '@/lib/env';
import { currentMessages } from '@/lib/i18n/message-cache';
import { apiComponents, apiErrorBody, profile, userPage, usersQuery } from './schemas';

// The API's description for clients and their generators. Its parameters and schemas are
// generated from the zod schemas the routes read and answer with (schemas.ts); the prose (what
// each refusal means, how keys work) is written here. The route tests check that it names each
// route.

const componentPath = (id: string) => `#/components/schemas/${id}`;

/** A reference to one of the named schemas. */
function ref(schema: z.ZodType) {
  const named = apiComponents.get(schema);
  if (!named) throw new Error('an API schema without a name in apiComponents');
  return { $ref: componentPath(named.id) };
}

/** The named schemas as JSON Schema (OpenAPI 3.1's dialect), referring to each other by name. */
function componentSchemas() {
  const { schemas } = z.toJSONSchema(apiComponents, { uri: componentPath });
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _, $id: __, ...schema }]) => [id, schema]));
}

/** A route's query, as parameters: each field's description moves up to the parameter, as OpenAPI has it. */
function queryParameters(query: z.ZodObject) {
  return Object.entries(query.shape).map(([name, field]) => {
    const { $schema: _, description, ...schema } = z.toJSONSchema(field as z.ZodType, { io: 'input' });
    return { name, in: 'query', ...(description === undefined ? {} : { description }), schema };
  });
}

const json = (schema: z.ZodType) => ({ 'application/json': { schema: ref(schema) } });

const errorResponse = (description: string) => ({ description, content: json(apiErrorBody) });

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
            '200': { description: 'The account.', content: json(profile) },
            ...refusals,
          },
        },
      },
      '/users': {
        get: {
          operationId: 'listUsers',
          summary: 'The accounts the key’s account may list',
          description: 'Administrators list every account, managers the plain users of their team; anyone else is refused (403 `forbidden`).',
          parameters: queryParameters(usersQuery),
          responses: {
            '200': { description: 'One page of accounts.', content: json(userPage) },
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
      schemas: componentSchemas(),
    },
  };
}
