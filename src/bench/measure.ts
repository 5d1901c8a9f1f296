// Small timing primitives for `npm run bench`: medians over repeated runs,
// and running a command to completion while timing it.
import { spawn } from 'node:child_process';

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

/** Run a command to completion; reject on a non-zero exit. */
export function runCommand(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${file} ${args.join(' ')} exited ${code}: ${err.trim()}`))));
  });
}

/**
 * Alternate runs of several subjects (a, b, a, b, …) so that background load
 * on the machine affects them alike; returns the samples of each.
 */
export async function interleave(runs: number, subjects: Record<string, () => Promise<unknown>>): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
  for (const fn of Object.values(subjects)) await fn(); // warm-up
  for (let i = 0; i < runs; i++) {
    for (const [name, fn] of Object.entries(subjects)) samples[name]!.push(await timeIt(fn));
  }
  return samples;
}
