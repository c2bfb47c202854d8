import 'server-only';
import { randomUUID } from 'node:crypto';
import { format } from 'node:util';
import pino, { type Logger } from 'pino';

// The site's one logger and its request ids. In production and tests every line is a JSON object
// (level, time, message, and the request's id, route, status and duration where there is a
// request); in development the same lines are printed for a person to read.

/** The header that carries a request's id: set by the server on the way in, sent back on the way out. */
export const REQUEST_ID_HEADER = 'x-request-id';
// What a proxy in front may hand on as an id; anything else is replaced by one of ours.
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function newRequestId(): string {
  return randomUUID();
}

/** The id a proxy in front already gave the request, when it has the shape of one. */
export function acceptedRequestId(value: string | string[] | undefined): string | null {
  return typeof value === 'string' && ACCEPTED_ID.test(value) ? value : null;
}

/** The id the server gave the request these headers came with; null when served without it. */
export function requestIdOf(headers: Pick<Headers, 'get'> | Record<string, string | string[] | undefined>): string | null {
  const value = typeof headers.get === 'function' ? (headers as Pick<Headers, 'get'>).get(REQUEST_ID_HEADER) : (headers as Record<string, unknown>)[REQUEST_ID_HEADER];
  return typeof value === 'string' && ACCEPTED_ID.test(value) ? value : null;
}

// Whatever a log call is handed, these never reach the output: what people type (passwords,
// answers, codes, the identifier field that sometimes holds a password), what proves who they
// are (tokens, cookies, keys), and what an email says or whom it goes to.
const SECRET_FIELDS = [
  'password',
  'newPassword',
  'currentPassword',
  'answer',
  'otp',
  'emailCode',
  'recoveryCode',
  'accessCode',
  'resetCode',
  'token',
  'secret',
  'identifier',
  'email',
  'to',
  'recipient',
  'cookie',
  'authorization',
  'html',
  'text',
  'body',
  'props',
  'secrets',
];
// `code` alone is a typed code at the top of a call only: below, it is an error's code.
const REDACTED_PATHS = [
  'code',
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  ...SECRET_FIELDS.map((field) => `*.*.${field}`),
  'headers["set-cookie"]',
  '*.headers["set-cookie"]',
];

// A failed query's message carries its parameters (addresses, hashes): only the statement stays.
const QUERY_PARAMETERS = /\nparams: [\s\S]*?(?=\n {4}at |$)/;

interface SerializedError {
  class: string;
  message: string;
  code?: string | number;
  digest?: string;
  stack?: string;
  cause?: SerializedError;
}

/** An error as a log line shows it: its class, code and stack, never the values a query carried. */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return { class: typeof error, message: typeof error === 'string' ? error : 'a value that is not an Error was thrown' };
  const { code, digest } = error as { code?: unknown; digest?: unknown };
  return {
    class: error.constructor?.name || error.name,
    message: error.message.replace(QUERY_PARAMETERS, ''),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(typeof digest === 'string' ? { digest } : {}),
    ...(error.stack ? { stack: error.stack.replace(QUERY_PARAMETERS, '') } : {}),
    ...(error.cause !== undefined && depth < 3 ? { cause: serializeError(error.cause, depth + 1) } : {}),
  };
}

/**
 * Lines for a person in development (`npm run dev`) and the embedded demo (`npm start` sets
 * LOG_FORMAT=pretty there), through pino-pretty, a development dependency; JSON otherwise.
 */
function readable(): boolean {
  return process.env.LOG_FORMAT === 'pretty' || (process.env.NODE_ENV === 'development' && process.env.LOG_FORMAT !== 'json');
}

/** The site's logger; tests give it a destination of their own to read what it writes. */
export function createLogger(destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: process.env.LOG_LEVEL || 'info',
    messageKey: 'msg',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: serializeError },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  if (destination) return pino(options, destination);
  if (readable()) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } });
  }
  // Synchronous: a refusal to start is written before the process exits.
  return pino(options, pino.destination({ fd: 1, sync: true }));
}

export const logger: Logger = createLogger();

/** The logger for what one request does: every line carries its id. */
export function requestLogger(headers: Parameters<typeof requestIdOf>[0]): Logger {
  const id = requestIdOf(headers);
  return id ? logger.child({ reqId: id }) : logger;
}

/**
 * Sends what Next.js and libraries print with `console` through the logger, so that every line of
 * a production server is JSON: an Error among the arguments becomes the line's `err`.
 */
export function routeConsoleToLogger(): void {
  const methods = { log: 'info', info: 'info', warn: 'warn', error: 'error', debug: 'debug' } as const;
  for (const [method, level] of Object.entries(methods)) {
    console[method as keyof typeof methods] = (...args: unknown[]) => {
      const error = args.find((argument) => argument instanceof Error);
      const rest = args.filter((argument) => argument !== error);
      if (error) logger[level]({ err: error }, rest.length > 0 ? format(...rest) : (error as Error).message);
      else logger[level](format(...rest));
    };
  }
}
