/**
 * Whether two samples of response times tell an observer apart, judged robustly: a busy
 * machine's spikes (a garbage collection, the other core's build) land in either sample and
 * move a mean or a single median a lot, but barely move the two figures used here.
 *
 * - `shiftMs`, the Hodges–Lehmann estimate of how much slower `b` is than `a`: the median of
 *   every pairwise difference, which a tenth of the samples spiking does not drag along.
 * - `superiority`, Vargha and Delaney's A: the chance that a time drawn from `b` is longer
 *   than one drawn from `a` (ties count half). 0.5 when neither is slower; a real gap of a few
 *   milliseconds on answers of a few milliseconds puts it near 1.
 */
export function timingGap(a: number[], b: number[]): { shiftMs: number; superiority: number } {
  const differences: number[] = [];
  let wins = 0;
  for (const x of a) {
    for (const y of b) {
      differences.push(y - x);
      wins += y > x ? 1 : y === x ? 0.5 : 0;
    }
  }
  differences.sort((left, right) => left - right);
  const middle = differences.length / 2;
  const shiftMs = differences.length % 2 === 1 ? differences[Math.floor(middle)]! : (differences[middle - 1]! + differences[middle]!) / 2;
  return { shiftMs, superiority: wins / differences.length };
}

/**
 * A gap an observer could use: both a shift past `thresholdMs` and at least a medium effect
 * (A beyond 0.64 either way, Vargha and Delaney's "medium"), so that neither spikes nor a
 * steady difference too small to time trips it.
 */
export function telling(gap: { shiftMs: number; superiority: number }, thresholdMs: number): boolean {
  return Math.abs(gap.shiftMs) >= thresholdMs && Math.abs(gap.superiority - 0.5) > 0.14;
}
