import { apiProfile } from '@/lib/api/representation';
import { apiJson } from '@/lib/api/responses';
import { keyRoute } from '@/lib/api/route';

/** The account the key belongs to. */
export const GET = keyRoute('me', async (_request, caller) => apiJson(apiProfile(caller.user)));
