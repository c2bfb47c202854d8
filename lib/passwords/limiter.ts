/**
 * A counting semaphore. Each argon2 computation holds 19 MiB for tens of milliseconds; bounding
 * how many run at once keeps a burst of sign-ins from exhausting memory — the rest wait in line.
 */
export function createLimiter(max: number) {
  let running = 0;
  const waiting: Array<() => void> = [];

  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await task();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}
