/**
 * Complexity checks as ratios, never absolute times: how much longer a piece of work takes when its input
 * doubles. These machines are shared and noisy, so each side is the median of several CPU-time samples after
 * a warm-up (compiled code, not the interpreter, is measured), and load from other processes, which only ever
 * inflates a ratio, is discounted by taking the best of a few attempts: a quadratic algorithm gives ~4 on
 * every attempt, a linear one ~2 on at least one.
 */

/** The limit the ratio tests share: linear work doubles (2), with room for allocation and cache effects. */
export const MAX_GROWTH = 2.5;

/** CPU time of this process, in milliseconds. */
export function cpuMilliseconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Median CPU time of `samples` runs of `work`. */
export async function medianCpu(work: () => unknown, samples = 3): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const start = cpuMilliseconds();
    await work();
    times.push(cpuMilliseconds() - start);
  }
  return median(times);
}

/**
 * The best (lowest) over `attempts` of median CPU time of `large` / median CPU time of `small`. `small` and
 * `large` do the same work on an input and on one twice its size.
 */
export async function growthRatio(
  small: () => unknown,
  large: () => unknown,
  options: { samples?: number; attempts?: number } = {},
): Promise<number> {
  const samples = options.samples ?? 3;
  await small(); // warm-up
  let best = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < (options.attempts ?? 3); attempt += 1) {
    const ratio = (await medianCpu(large, samples)) / (await medianCpu(small, samples));
    best = Math.min(best, ratio);
    if (best < MAX_GROWTH) break;
  }
  return best;
}
