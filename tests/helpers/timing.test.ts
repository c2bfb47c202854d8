import { describe, expect, it } from 'vitest';
import { telling, timingGap } from './timing';

// A seeded generator: the same samples every run, so these tests cannot flake themselves.
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Answers of about `baseMs`, jittered, with a share of them hit by a busy machine's spikes. */
function answers(seed: number, { baseMs, spikes, count = 30 }: { baseMs: number; spikes: number; count?: number }): number[] {
  const next = random(seed);
  return Array.from({ length: count }, () => baseMs + next() * 1.5 + (next() < spikes ? 20 + next() * 60 : 0));
}

describe('telling two timing distributions apart', () => {
  it('sees no gap between alike answers, even with a tenth to a fifth of them spiking by 20–80 ms', () => {
    for (const [seed, spikes] of [
      [1, 0.1],
      [2, 0.15],
      [3, 0.2],
      [4, 0.2],
    ] as const) {
      const gap = timingGap(answers(seed, { baseMs: 4, spikes }), answers(seed + 100, { baseMs: 4, spikes }));
      expect(telling(gap, 3), `seed ${seed}: ${JSON.stringify(gap)}`).toBe(false);
    }
  });

  it('on a machine busy enough to slow any answer fourfold, mistakes alike answers for a gap four times less often than medians did', () => {
    /** Every answer slowed by a load of 1–4×, and a tenth of them spiking besides. */
    const busy = (seed: number) => {
      const next = random(seed);
      return Array.from({ length: 30 }, () => 4 * (1 + next() * 3) + (next() < 0.1 ? 20 + next() * 60 : 0));
    };
    const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
    let byMedians = 0;
    let byDistributions = 0;
    const trials = 500;
    for (let trial = 1; trial <= trials; trial += 1) {
      const [a, b] = [busy(trial * 7919), busy(trial * 104_729 + 3)];
      const limit = Math.max(3, median(a) * 0.25);
      if (Math.abs(median(b) - median(a)) >= limit) byMedians += 1;
      if (telling(timingGap(a, b), limit)) byDistributions += 1;
    }
    // Measured: 30 of 500 by medians, 5 by distributions; the enumeration test measures again
    // before it fails, which takes the second figure to about one in ten thousand.
    expect(byDistributions * 4).toBeLessThanOrEqual(byMedians);
    expect(byDistributions / trials).toBeLessThan(0.02);
  });

  it('sees the gap of the old request path (7–8 ms more for known accounts), spikes or not', () => {
    for (const spikes of [0, 0.1, 0.2]) {
      const unknown = answers(11, { baseMs: 4, spikes });
      const known = answers(12, { baseMs: 11.5, spikes });
      const gap = timingGap(unknown, known);
      expect(gap.shiftMs).toBeGreaterThan(6);
      expect(telling(gap, 3)).toBe(true);
    }
  });

  it('sees a gap of 3 ms on quiet answers, in either direction', () => {
    const unknown = answers(21, { baseMs: 4, spikes: 0 });
    const known = answers(22, { baseMs: 7.5, spikes: 0 });
    expect(telling(timingGap(unknown, known), 3)).toBe(true);
    expect(telling(timingGap(known, unknown), 3)).toBe(true);
  });
});
