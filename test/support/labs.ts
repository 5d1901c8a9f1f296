// Integration tests build real labs. Where labs cannot be built (no user
// namespaces, missing tools) they are skipped loudly, except under CI=true,
// where that is a failure: CI must never go green by running nothing.
import { describe, it } from 'vitest';
import { Lab } from '../../src/lab/lab.js';

let verdict: Promise<string | undefined> | undefined;

/** undefined if labs work here, else why not. */
export function labsUnavailable(): Promise<string | undefined> {
  verdict ??= Lab.create({ readyTimeoutMs: 15000 }).then(
    async (lab) => {
      await lab.destroy();
      return undefined;
    },
    (err: Error) => err.message,
  );
  return verdict;
}

const probe = await labsUnavailable();

export const describeLabs: typeof describe = ((name: string, fn: () => void) => {
  if (!probe) return describe(name, fn);
  if (process.env.CI === 'true') {
    return describe(name, () => {
      it('can build labs on this machine', () => {
        throw new Error(`labs cannot be built here, so these tests cannot run: ${probe}`);
      });
    });
  }
  console.warn(`\n⚠ SKIPPING "${name}": labs cannot be built here (${probe}). Run \`nslab doctor\`.\n`);
  return describe.skip(name, fn);
}) as typeof describe;

/** Create a lab for one test and always destroy it. */
export async function withLab<T>(fn: (lab: Lab) => Promise<T>): Promise<T> {
  const lab = await Lab.create();
  try {
    return await fn(lab);
  } finally {
    await lab.destroy();
  }
}
