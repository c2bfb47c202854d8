import type { KnownDevice } from './device-cookie';

/** Where a request came from, as recorded with what it did. */
export type RequestOrigin = { ip: string | null; userAgent: string | null };

/** A sign-in's request, with what this browser's device cookie says it signed in to before. */
export type SignInRequest = RequestOrigin & { knownDevices: readonly KnownDevice[] };
