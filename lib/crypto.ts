import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 bits from the CSPRNG, URL-safe. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

// Deriving costs more than the HMAC it keys, and pages ask for the same few keys on every
// request (a passkey challenge on each sign-in page): each one is derived once per process.
const purposeKeys = new Map<string, Buffer>();

/** A 256-bit key for one purpose, derived from the application secret. */
function purposeKey(secret: string, purpose: string): Buffer {
  const id = `${purpose}\u0000${secret}`;
  let key = purposeKeys.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'sesame', purpose, 32));
    purposeKeys.set(id, key);
  }
  return key;
}

/**
 * HMAC-SHA256 of a value under a key of its own purpose, in hex: what can be stored to find or
 * compare a value later without storing the value (codes, throttle keys).
 */
export function keyedDigest(value: string, secret: string, purpose: string): string {
  return createHmac('sha256', purposeKey(secret, purpose)).update(value, 'utf8').digest('hex');
}

/** AES-256-GCM: "iv.tag.ciphertext" in base64url; tampering makes `open` throw. */
export function seal(value: unknown, secret: string, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', purposeKey(secret, purpose), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
}

export function open<T>(sealed: string, secret: string, purpose: string): T {
  const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !body) throw new Error('malformed sealed value');
  const decipher = createDecipheriv('aes-256-gcm', purposeKey(secret, purpose), iv);
  decipher.setAuthTag(tag);
  return JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')) as T;
}
