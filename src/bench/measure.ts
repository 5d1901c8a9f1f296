// Small timing primitives for `npm run bench`: medians over repeated runs,
// and running a command to completion while timing it.
import { execa } from 'execa';

const SETTLE_MS = 100;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Run a command to completion; reject, with its stderr, on a non-zero exit. */
export async function runCommand(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await execa(file, args, { stdin: 'ignore', stdout: 'ignore', env, extendEnv: false });
}

/**
 * Alternate runs of several subjects (a, b, a, b, …) so that background load
 * on the machine affects them alike; returns the samples of each.
 */
export async function interleave(runs: number, subjects: Record<string, () => Promise<unknown>>): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
  for (const fn of Object.values(subjects)) await fn(); // warm-up
  for (let i = 0; i < runs; i++) {
    for (const [name, fn] of Object.entries(subjects)) {
      // the kernel frees a dead lab's namespaces in the background; let it
      // finish so that each sample starts from the same quiet machine
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      samples[name]!.push(await timeIt(fn));
    }
  }
  return samples;
}
