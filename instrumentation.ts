export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServer } = await import('./lib/server-start');
  await startServer();
}

/**
 * A page that failed because the database is out of reach answers "unavailable" instead. The
 * API's route handlers answer their own JSON errors.
 */
export async function onRequestError(error: unknown, request: { path: string; headers: Record<string, string | string[] | undefined> }, context: { routeType: string }) {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || context.routeType === 'route') return;
  const { answerDatabaseOutage } = await import('./lib/http/outage-answer');
  answerDatabaseOutage(error, request);
}
