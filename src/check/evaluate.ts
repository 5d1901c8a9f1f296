// Evaluate checks against a running lab: structure checks read one snapshot
// (src/inspect), taken first so that it shows the learner's state rather than
// the probes' side effects (a ping fills neighbour tables); probes then run
// live, concurrently where that is safe (schedule.ts). A check that cannot
// run fails with a clear detail; evaluation itself never throws.
import { snapshotLab } from '../inspect/snapshot.js';
import type { LabSnapshot } from '../inspect/types.js';
import type { Lab } from '../lab/lab.js';
import { LabProbes } from './live-probes.js';
import { evaluateProbe, isProbeCheck, probeNeeds } from './probe-checks.js';
import type { ProbeRunner } from './probes.js';
import { ProbeScheduler } from './schedule.js';
import { evaluateStructure, isStructureCheck, snapshotNeeds } from './structure.js';
import type { CheckResult, CheckSpec } from './types.js';
import { fail, type Verdict } from './verdict.js';

export interface EvaluateOptions {
  /** Called as each result is known (for live panels). */
  onResult?: (result: CheckResult) => void;
  /** How many probes may run at once. */
  concurrency?: number;
}

/** What evaluation needs from a lab; tests pass a fake. */
export interface CheckEnvironment {
  /** A snapshot with at least the host, every learner namespace, and these extra places. */
  snapshot(places: string[], sysctls: string[]): Promise<LabSnapshot>;
  probes: ProbeRunner;
  alive(): boolean;
}

export function labEnvironment(lab: Lab): CheckEnvironment {
  return {
    snapshot: (places, sysctls) => snapshotLab(lab, ['host', '*', ...places], { sysctls }),
    probes: new LabProbes(lab),
    alive: () => lab.alive,
  };
}

export function evaluateChecks(lab: Lab, checks: CheckSpec[], options: EvaluateOptions = {}): Promise<CheckResult[]> {
  return evaluateWith(labEnvironment(lab), checks, options);
}

export async function evaluateWith(env: CheckEnvironment, checks: CheckSpec[], options: EvaluateOptions = {}): Promise<CheckResult[]> {
  const results: Array<CheckResult | undefined> = new Array(checks.length);
  const settle = (i: number, verdict: Verdict, durationMs: number): void => {
    const c = checks[i]!;
    const result: CheckResult = { id: c.id, title: c.title, passed: verdict.passed, detail: verdict.passed ? '' : verdict.detail, durationMs: Math.round(durationMs) };
    results[i] = result;
    try {
      options.onResult?.(result);
    } catch {
      // a listener's problem is not the check's
    }
  };

  if (!env.alive()) {
    checks.forEach((_, i) => settle(i, fail('the lab is not running'), 0));
    return results as CheckResult[];
  }

  // Structure checks: one snapshot.
  const structural = checks.map((c, i) => ({ c, i })).filter(({ c }) => isStructureCheck(c));
  if (structural.length) {
    const started = performance.now();
    const needs = snapshotNeeds(structural.map(({ c }) => c));
    let snapshot: LabSnapshot | undefined;
    let why = '';
    try {
      snapshot = await env.snapshot(needs.places, needs.sysctls);
    } catch (err) {
      why = env.alive() ? `could not read the lab's state: ${(err as Error).message}` : 'the lab is not running';
    }
    const took = performance.now() - started;
    for (const { c, i } of structural) {
      if (!snapshot || !isStructureCheck(c)) settle(i, fail(why), took);
      else settle(i, guarded(() => evaluateStructure(c, snapshot)), took);
    }
  }

  // Probes: live, scheduled.
  const scheduler = new ProbeScheduler(options.concurrency ?? 6);
  await Promise.all(
    checks.map(async (c, i) => {
      if (results[i]) return;
      if (!isProbeCheck(c)) return settle(i, fail(`unknown check kind "${(c as { kind?: string }).kind}"`), 0);
      let took = 0;
      const verdict = await scheduler
        .run(probeNeeds(c), async () => {
          const started = performance.now();
          try {
            return await evaluateProbe(c, env.probes);
          } finally {
            took = performance.now() - started;
          }
        })
        .catch((err: Error) => fail(env.alive() ? `the check could not run: ${err.message}` : 'the lab is not running'));
      settle(i, verdict, took);
    }),
  );
  return results as CheckResult[];
}

function guarded(body: () => Verdict): Verdict {
  try {
    return body();
  } catch (err) {
    return fail(`the check could not be judged: ${(err as Error).message}`);
  }
}
