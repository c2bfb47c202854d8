import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface Load {
  /** Answers with the expected status, per second of the run. */
  rate: number;
  ok: number;
  others: number;
  seconds: number;
  p99: number;
}

/** A body to post, with the headers of its own browser (its cookies) if it has any. */
export interface Body {
  body: Buffer;
  contentType: string;
  headers?: Record<string, string>;
}

/** A request autocannon sends: a fixed GET, or one body after another from `bodies`. */
export interface Target {
  url: string;
  method?: 'GET' | 'POST';
  bodies?: Body[];
  headers?: Record<string, string>;
  /** The status counted as a success (200 for a page, 303 for a form that redirects). */
  status: number;
}

/** What autocannon sends for `target`: the same request, or its bodies one after another. */
function requestsOf(target: Target): autocannon.Request[] {
  let next = 0;
  const { bodies } = target;
  return [
    {
      method: target.method ?? 'GET',
      setupRequest: (request) => {
        if (!bodies) return { ...request, headers: { ...request.headers, ...target.headers } };
        const { body, contentType, headers } = bodies[next++ % bodies.length]!;
        return { ...request, body, headers: { ...request.headers, ...target.headers, ...headers, 'content-type': contentType } };
      },
    },
  ];
}

/** `connections` clients sending `target` back to back for `seconds`, on loopback. */
export async function load(target: Target, options: { connections: number; seconds: number }): Promise<Load> {
  const result = await autocannon({ url: target.url, connections: options.connections, duration: options.seconds, requests: requestsOf(target) });
  const { ok, others } = tally(result, target);
  return { rate: ok / result.duration, ok, others, seconds: result.duration, p99: result.latency.p99 };
}

/** Answers with the expected status, and every other outcome (other statuses, errors, timeouts). */
function tally(result: autocannon.Result, target: Target): { ok: number; others: number } {
  const answers = Object.entries(result.statusCodeStats as Record<string, { count: number }>);
  const ok = answers.find(([status]) => Number(status) === target.status)?.[1].count ?? 0;
  return { ok, others: answers.reduce((sum, [, { count }]) => sum + count, 0) - ok + result.errors + result.timeouts };
}

/**
 * Sends `requests` of `target` and keeps no figure. V8 compiles a server's code again and again
 * as it runs hot: measured on one 2-core machine, Sésame's sign-in page cost 14 ms of CPU a request
 * over its first 500 and 8 ms after 3,000, the bare page far fewer. A server in production has
 * long passed that point, so every measure starts after it.
 */
export async function warmUp(target: Target, requests: number, connections: number): Promise<void> {
  const result = await autocannon({ url: target.url, connections, amount: requests, requests: requestsOf(target) });
  // A warm-up spent on refusals would warm the wrong code: the measure that follows is void.
  const { others } = tally(result, target);
  if (others > 0) throw new Error(`warming up ${target.url}: ${others} of ${requests} answers were not ${target.status}`);
}

/** Runs `rounds` of each measure in turn (a, b, a, b…), so that a slow spell of a shared machine hits both. */
export async function interleaved<T>(rounds: number, measures: Array<() => Promise<T>>): Promise<T[][]> {
  const results: T[][] = measures.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, measure] of measures.entries()) results[index]!.push(await measure());
  }
  return results;
}

/**
 * The median over rounds of `numerator`'s figure over `denominator`'s, each pair measured back
 * to back: a burst of load from another process spoils one pair, not the verdict.
 */
export function medianRatio(numerator: number[], denominator: number[]): number | null {
  const ratios = numerator.flatMap((value, index) => (denominator[index]! > 0 ? [value / denominator[index]!] : [])).sort((a, b) => a - b);
  if (ratios.length === 0) return null;
  const middle = Math.floor(ratios.length / 2);
  return ratios.length % 2 === 1 ? ratios[middle]! : (ratios[middle - 1]! + ratios[middle]!) / 2;
}

/** The rounds of one measure taken together: every success over every second. */
export function combined(loads: Load[]): Load {
  const ok = loads.reduce((sum, run) => sum + run.ok, 0);
  const seconds = loads.reduce((sum, run) => sum + run.seconds, 0);
  return {
    rate: seconds > 0 ? ok / seconds : 0,
    ok,
    others: loads.reduce((sum, run) => sum + run.others, 0),
    seconds,
    // The worst round's: a p99 cannot be averaged, and the worst is the one a person meets.
    p99: Math.max(...loads.map((run) => run.p99)),
  };
}

function residentMiB(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples the resident memory of `pid` while `during` runs; the peak, in MiB. */
export async function peakResident<T>(pid: number, during: () => Promise<T>): Promise<{ result: T; peakMiB: number }> {
  let peakMiB = residentMiB(pid);
  const timer = setInterval(() => (peakMiB = Math.max(peakMiB, residentMiB(pid))), 50);
  try {
    const result = await during();
    return { result, peakMiB: Math.max(peakMiB, residentMiB(pid)) };
  } finally {
    clearInterval(timer);
  }
}
