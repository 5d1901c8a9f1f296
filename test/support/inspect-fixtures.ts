// Recorded outputs from real labs (test/fixtures/inspect, see record.mjs there).
import { readFileSync } from 'node:fs';
import { parseSnapshotOutput } from '../../src/inspect/snapshot.js';
import type { LabSnapshot } from '../../src/inspect/types.js';

export const SCENARIOS = ['fresh', 'veth', 'bridge', 'docker', 'nft'] as const;
export type Scenario = (typeof SCENARIOS)[number];
export const FIXTURE_MARKER = 'NSLAB-SNAPSHOT-fixture';

export function fixture(scenario: Scenario, file: string): string {
  return readFileSync(new URL(`../fixtures/inspect/${scenario}/${file}`, import.meta.url), 'utf8');
}

export function fixtureSnapshot(scenario: Scenario): LabSnapshot {
  return { ...parseSnapshotOutput(fixture(scenario, 'snapshot.txt'), FIXTURE_MARKER), takenAt: 0, durationMs: 0 };
}

/** The value of a Result, or a thrown error naming what went wrong (tests only). */
export function value<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(`expected a value, got error: ${r.error}`);
  return r.value;
}

/** Raw output of a probe script recorded in a real lab (token abcdef012345). */
export function probeFixture(name: string): string {
  return readFileSync(new URL(`../fixtures/inspect/probes/${name}.txt`, import.meta.url), 'utf8');
}
export const PROBE_TOKEN = 'abcdef012345';
