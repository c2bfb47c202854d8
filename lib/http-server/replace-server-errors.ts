import type { ServerResponse } from 'node:http';
import type { ReplacementAnswer } from '@/lib/http/outage-answer';

/**
 * Sends `answer` instead of the server error Next.js is about to send on `response` (a page
 * that failed because the database is out of reach leaves its own answer: lib/http/outage-answer.ts).
 */
export function replaceServerErrors(response: ServerResponse, answer: ReplacementAnswer): void {
  const { writeHead, write, end } = response;
  let replaced = false;
  const decideFirst = () => {
    if (!response.headersSent && response.statusCode >= 500) response.writeHead(response.statusCode);
  };
  response.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    if (status < 500) return (writeHead as (...args: unknown[]) => ServerResponse).call(this, status, ...rest);
    replaced = true;
    // The site's own headers stay (the page's own override theirs); those of the body do not.
    for (const name of ['content-length', 'content-encoding', 'etag', 'link', 'vary']) this.removeHeader(name);
    return writeHead.call(this, answer.status, answer.headers);
  } as typeof response.writeHead;
  response.write = function (this: ServerResponse, chunk: unknown, encoding?: unknown, callback?: unknown) {
    decideFirst();
    if (!replaced) return (write as (...args: unknown[]) => boolean).call(this, chunk, encoding, callback);
    ([encoding, callback].find((argument) => typeof argument === 'function') as (() => void) | undefined)?.();
    return true;
  } as typeof response.write;
  response.end = function (this: ServerResponse, chunk?: unknown, encoding?: unknown, callback?: unknown) {
    decideFirst();
    if (!replaced) return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, encoding, callback);
    const done = [chunk, encoding, callback].find((argument) => typeof argument === 'function') as (() => void) | undefined;
    return (end as (...args: unknown[]) => ServerResponse).call(this, answer.body, done);
  } as typeof response.end;
}
