import 'server-only';
import { Counter, Gauge, Histogram, register } from 'prom-client';

// What an operator watches (README "Deploying"). prom-client's registry is the one place metrics
// live in a process: the server in front of Next.js and the pages each load this module in their
// own bundle but share the package (Node loads it once), so whichever comes first registers a
// metric and the other finds it there.

function counter<Label extends string>(name: string, help: string, labelNames: readonly Label[] = []): Counter<Label> {
  return (register.getSingleMetric(name) as Counter<Label> | undefined) ?? new Counter({ name, help, labelNames });
}

function gauge<Label extends string>(name: string, help: string, labelNames: readonly Label[] = []): Gauge<Label> {
  return (register.getSingleMetric(name) as Gauge<Label> | undefined) ?? new Gauge({ name, help, labelNames });
}

export const httpRequests = counter('sesame_http_requests_total', 'HTTP requests answered, by route, method and status.', ['route', 'method', 'status']);
export const httpDuration =
  (register.getSingleMetric('sesame_http_request_duration_seconds') as Histogram<'route' | 'method'> | undefined) ??
  new Histogram({
    name: 'sesame_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route and method.',
    labelNames: ['route', 'method'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
export const httpInFlight = gauge('sesame_http_requests_in_flight', 'HTTP requests received and not yet answered.');

/**
 * success: signed in; two_step: password right, second step asked; password_change: a temporary
 * password, a new one asked; wrong_password and unknown_identifier: refused alike to the person;
 * paused: refused without comparing, the account or browser is paused; throttled: the network
 * address is; refused: right password, but the account is pending, deactivated, expired or
 * signs in with its company.
 */
export type SignInOutcomeLabel = 'success' | 'two_step' | 'password_change' | 'wrong_password' | 'unknown_identifier' | 'paused' | 'throttled' | 'refused';
export const signIns = counter<'outcome'>('sesame_sign_ins_total', 'Password sign-ins, by outcome.', ['outcome']);

/** account: strangers paused an account; browser: a known browser paused itself; identifier: an unknown identifier; two_step: wrong second steps. */
export type LockoutKind = 'account' | 'browser' | 'identifier' | 'two_step';
export const lockouts = counter<'kind'>('sesame_lockouts_total', 'Sign-in pauses started, by what was paused.', ['kind']);

export const recoveryRequests = counter<'kind'>('sesame_recovery_requests_total', 'Requests for an emailed link (reset, one-time sign-in, activation), by kind.', ['kind']);

export const emailsQueued = counter<'template'>('sesame_emails_queued_total', 'Emails written to the outbox, by template.', ['template']);
export const emailsSent = counter<'template'>('sesame_emails_sent_total', 'Emails the provider accepted, by template.', ['template']);
export const emailsFailed = counter<'template' | 'final'>(
  'sesame_emails_failed_total',
  'Failed tries to send an email, by template; final="true" when it was given up on.',
  ['template', 'final'],
);

// Background jobs (lib/jobs), by queue: email.deliver, recovery.request, users.bulk, users.import, maintenance.prune.
export const jobRuns = counter<'job' | 'outcome'>('sesame_job_runs_total', 'Tries of a background job, by queue and outcome (ok or failed).', ['job', 'outcome']);
export const jobItems = counter<'job'>('sesame_job_items_total', 'What background jobs handled (emails, requests, accounts, rows), by queue.', ['job']);
export const jobLastSuccess = gauge<'job'>('sesame_job_last_success_timestamp_seconds', 'When a job of the queue last finished without error (Unix time).', ['job']);
