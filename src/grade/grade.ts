// Grade solution scripts: each one gets a fresh lab, the challenge's setup,
// its own run as root of the lab's host (isolated, time-limited, output
// capped), the challenge's checks, and teardown. Whatever a solution does to
// its lab, only its own result suffers.
import { readFile } from 'node:fs/promises';
import { evaluateChecks } from '../check/evaluate.js';
import type { CheckResult, CheckSpec } from '../check/types.js';
import type { Challenge } from '../content/types.js';
import { Lab } from '../lab/lab.js';
import { applySetup, setupScript, STATES_DIR } from './setup.js';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_OUTPUT = 1024 * 1024;
/** bash -c takes the script as one argument, which the kernel caps at 128 KiB. */
const MAX_SCRIPT_BYTES = 100 * 1024;

/** Checks the grader adds itself when a solution cannot be judged normally. */
export const GRADING_CHECK = { id: 'grading', title: 'the solution could be graded (lab built, challenge set up)' };
export const FINISHED_CHECK = { id: 'solution-finished', title: 'the solution finished within its time and output limits' };

export interface SolutionResult {
  /** The path as given (or a name for inline scripts). */
  solution: string;
  /** True iff every check passed. */
  passed: boolean;
  /** Lab + setup + solution + checks + teardown. */
  durationMs: number;
  /** null when the solution never ran or was killed by a signal. */
  exitCode: number | null;
  timedOut: boolean;
  truncated: boolean;
  checks: CheckResult[];
  /** The last lines the solution printed (for humans). */
  outputTail: string;
  /** Set when the solution could not be graded at all (lab or setup failed). */
  error?: string;
}

export interface GradeReport {
  challenge: string;
  passed: boolean;
  results: SolutionResult[];
}

export interface GradeOptions {
  timeoutMs?: number;
  maxOutputBytes?: number;
  statesDir?: string;
  /** The challenge's setup script, when the caller already has it (gradeAll reads it once). */
  setup?: Promise<string>;
  /** Seams for tests: how labs are made and checks judged. */
  createLab?: () => Promise<Lab>;
  evaluate?: (lab: Lab, checks: CheckSpec[]) => Promise<CheckResult[]>;
}

export interface Solution {
  name: string;
  script: string;
}

export async function gradeSolution(challenge: Challenge, solutionPath: string, options: GradeOptions = {}): Promise<SolutionResult> {
  let script: string;
  try {
    script = await readFile(solutionPath, 'utf8');
  } catch (err) {
    return failed(solutionPath, 0, `cannot read the solution: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  return gradeScript(challenge, { name: solutionPath, script }, options);
}

export async function gradeScript(challenge: Challenge, solution: Solution, options: GradeOptions = {}): Promise<SolutionResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  if (Buffer.byteLength(solution.script) > MAX_SCRIPT_BYTES) {
    return failed(solution.name, elapsed(), `the solution is larger than ${MAX_SCRIPT_BYTES / 1024} KiB`);
  }
  const { timeoutMs = DEFAULT_TIMEOUT_MS, maxOutputBytes = DEFAULT_MAX_OUTPUT, statesDir = STATES_DIR } = options;
  const evaluate = options.evaluate ?? ((lab, checks) => evaluateChecks(lab, checks));
  let lab: Lab;
  try {
    lab = await (options.createLab ?? (() => Lab.create()))();
  } catch (err) {
    return failed(solution.name, elapsed(), `the lab could not be built: ${(err as Error).message}`);
  }
  let result: Omit<SolutionResult, 'durationMs'>;
  try {
    try {
      await applySetup(lab, challenge, await (options.setup ?? setupScript(challenge, statesDir)));
    } catch (err) {
      result = { ...failed(solution.name, 0, (err as Error).message) };
      return { ...result, durationMs: elapsed() };
    }
    const run = await lab.run(solution.script, { isolated: true, timeoutMs, maxOutputBytes });
    const checks = await evaluate(lab, challenge.checks);
    if (run.timedOut || run.truncated) {
      const detail = run.timedOut
        ? `stopped after ${formatSeconds(timeoutMs)} (the time limit); the checks ran on what it had done by then`
        : `stopped after ${Math.round(maxOutputBytes / 1024)} KiB of output (the output limit)`;
      checks.unshift({ ...FINISHED_CHECK, passed: false, detail });
    }
    result = {
      solution: solution.name,
      passed: checks.every((c) => c.passed),
      exitCode: run.timedOut || run.truncated ? null : run.exitCode,
      timedOut: run.timedOut,
      truncated: run.truncated,
      checks,
      outputTail: tail(run.output),
    };
  } catch (err) {
    // The lab died under the solution, or a check could not run at all.
    result = failed(solution.name, 0, `grading stopped: ${(err as Error).message}`);
  } finally {
    await lab.destroy();
  }
  return { ...result, durationMs: elapsed() };
}

/**
 * Grade many solutions, `jobs` at a time, each in its own lab. Results come
 * back in the order given, whatever order they finish in.
 */
export async function gradeAll(
  challenge: Challenge,
  solutions: (string | Solution)[],
  options: GradeOptions & { jobs?: number; onResult?: (result: SolutionResult, index: number) => void } = {},
): Promise<GradeReport> {
  const setup = options.setup ?? setupScript(challenge, options.statesDir);
  setup.catch(() => undefined); // each solution reports it
  const shared = { ...options, setup };
  const results = await runPool(solutions, options.jobs ?? 1, async (s, i) => {
    const result = typeof s === 'string' ? await gradeSolution(challenge, s, shared) : await gradeScript(challenge, s, shared);
    options.onResult?.(result, i);
    return result;
  });
  return { challenge: challenge.id, passed: results.every((r) => r.passed), results };
}

/** Run fn over items with at most `jobs` at once; results in input order. */
export async function runPool<T, R>(items: readonly T[], jobs: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return results;
}

function failed(solution: string, durationMs: number, error: string): SolutionResult {
  return {
    solution,
    passed: false,
    durationMs,
    exitCode: null,
    timedOut: false,
    truncated: false,
    checks: [{ ...GRADING_CHECK, passed: false, detail: error }],
    outputTail: '',
    error,
  };
}

function tail(output: string, lines = 5): string {
  return output.trimEnd().split('\n').slice(-lines).join('\n').slice(-2000);
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
