import { apiError } from '@/lib/api/responses';

// Any address under /api/v1 that no route serves: clients get the API's JSON error, not the
// site's HTML page, whatever the method.
const notFound = async () => apiError('not_found', 'There is no such address in this API; see /api/v1/openapi.json.');

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
