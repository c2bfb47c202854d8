import { openApiDocument } from '@/lib/api/openapi';
import { apiJson } from '@/lib/api/responses';

/** Public: a description of the API gives nothing away. */
export function GET(): Response {
  return apiJson(openApiDocument());
}
