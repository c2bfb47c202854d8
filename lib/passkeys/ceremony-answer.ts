import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { z } from 'zod';

// What a browser posts back from a passkey ceremony, read from the form's text before anything
// is verified: base64url fields of bounded size, so a hand-made post is refused as a failure.
const base64url = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+$/);
const common = {
  id: base64url(1400),
  rawId: base64url(1400),
  type: z.literal('public-key'),
  clientExtensionResults: z.object({}).passthrough(),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
};

const registration = z.object({
  ...common,
  response: z.object({
    clientDataJSON: base64url(4000),
    attestationObject: base64url(20_000),
    transports: z.array(z.string().max(40)).max(10).optional(),
  }).passthrough(),
});

const authentication = z.object({
  ...common,
  response: z.object({
    clientDataJSON: base64url(4000),
    authenticatorData: base64url(4000),
    signature: base64url(1000),
    userHandle: base64url(200).optional(),
  }).passthrough(),
});

function parse<T>(schema: z.ZodType, text: string): T | null {
  try {
    const read = schema.safeParse(JSON.parse(text));
    return read.success ? (read.data as T) : null;
  } catch {
    return null;
  }
}

export const readRegistrationAnswer = (text: string) => parse<RegistrationResponseJSON>(registration, text);
export const readAuthenticationAnswer = (text: string) => parse<AuthenticationResponseJSON>(authentication, text);
