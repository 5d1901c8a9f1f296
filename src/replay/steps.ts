// Run one lesson step in a lab and judge it against its expectation.
// A plain step is one bounded `bash -c` at its place. A background step starts
// its command detached (its own session, output to a log file inside the
// lab) so it outlives the step, then waits, bounded, until it is ready.
import type { Lab } from '../lab/lab.js';
import { parsePlace } from '../lab/place.js';
import type { RunResult } from '../lab/process.js';
import type { Step } from '../content/types.js';

export interface StepOutcome {
  step: Step;
  passed: boolean;
  /** Expected vs got, when it did not pass. */
  detail: string;
  result: RunResult;
}

/** Output kept per step: plenty for any lesson, and a flood is cut. */
export const STEP_OUTPUT_CAP = 256 * 1024;
/** How long a background step without `ready` must survive to count as started. */
export const BACKGROUND_SETTLE_MS = 300;
const TAIL_LINES = 8;

export interface StepOptions {
  onOutput?: (chunk: string) => void;
  /** Aborting stops the step (Ctrl-C in the TUI); its result then says `aborted`. */
  signal?: AbortSignal;
}

export async function runStep(lab: Lab, step: Step, options: StepOptions = {}): Promise<StepOutcome> {
  const at = parsePlace(step.at);
  if (step.background) return runBackground(lab, step, options);
  const result = await lab.run(step.command, {
    at,
    timeoutMs: step.timeoutMs,
    maxOutputBytes: STEP_OUTPUT_CAP,
    ...(options.onOutput ? { onOutput: (chunk: string) => options.onOutput!(chunk) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const detail = judgeStep(step, result);
  return { step, passed: detail === '', detail, result };
}

/** Empty when the step did what it should; else expected vs got, in words. */
export function judgeStep(step: Step, result: RunResult): string {
  const problems: string[] = [];
  const seconds = `${step.timeoutMs / 1000} s`;
  if (result.timedOut) {
    problems.push(`expected it to finish within ${seconds}, but it was still running and was stopped (bound the command, e.g. ping -c 2 -W 1 or curl --max-time 2, or raise timeout=)`);
  } else if (result.truncated) {
    problems.push(`its output passed ${STEP_OUTPUT_CAP / 1024} KiB and it was stopped`);
  } else if (step.expect.kind === 'ok' && result.exitCode !== 0) {
    problems.push(`expected exit status 0, got ${exitText(result)}`);
  } else if (step.expect.kind === 'fail' && result.exitCode === 0) {
    problems.push('expected it to fail (non-zero exit status), but it succeeded (exit status 0)');
  }
  if (step.match && !step.match.test(result.output)) {
    problems.push(`expected the output to ${describeMatch(step)}, but it does not`);
  }
  if (problems.length === 0) return '';
  return `${problems.join('; ')}\n${outputTail(result.output)}`;
}

export function describeMatch(step: Step): string {
  if (!step.match) return '';
  return step.matchText !== undefined ? `contain "${step.matchText}"` : `match /${step.match.source}/${step.match.flags}`;
}

function exitText(result: RunResult): string {
  if (result.exitCode !== null) return String(result.exitCode);
  return result.signal ? `killed by ${result.signal}` : 'no exit status';
}

/** The last lines of output, indented, for a report. */
export function outputTail(output: string, lines = TAIL_LINES): string {
  const all = output.replace(/\s+$/, '').split('\n');
  if (all.length === 1 && all[0] === '') return 'it printed nothing';
  const shown = all.slice(-lines);
  const head = all.length > lines ? `last ${lines} of ${all.length} lines of output:` : 'output:';
  return `${head}\n${shown.map((l) => `  | ${l}`).join('\n')}`;
}

// Exit codes of the background launcher script.
const BG_READY = 0;
const BG_EXITED = 3;
const BG_NOT_READY = 4;

/**
 * Start, then (with ready=HOST:PORT) poll a TCP connect from the step's own
 * place until it is accepted, the command dies, or the step's time is up.
 * One script, one nsenter: the polling never leaves the lab.
 */
export function backgroundScript(step: Step): string {
  const ready = step.background?.ready;
  const budgetMs = ready ? step.timeoutMs : BACKGROUND_SETTLE_MS;
  return `
set -u
mkdir -p /tmp/nslab-steps
log=/tmp/nslab-steps/${step.id}-$$.log
cmd=$NSLAB_STEP
env -u NSLAB_STEP setsid bash -c "$cmd" >"$log" 2>&1 </dev/null &
pid=$!
now() { local t=\${EPOCHREALTIME/./}; echo $((t / 1000)); }
deadline=$(( $(now) + ${budgetMs} ))
status=${ready ? BG_NOT_READY : BG_READY}
while [ "$(now)" -lt "$deadline" ]; do
  if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid"; code=$?; pid=
    # A daemon that forks and exits 0 has started; with ready=, keep polling its port.
    if [ "$code" != 0 ]; then echo "nslab-exit: $code"; status=${BG_EXITED}; break; fi
    ${ready ? '' : 'break'}
  fi
  ${ready ? `if timeout 1 bash -c 'exec 3<>/dev/tcp/$1/$2' - ${ready.host} ${ready.port} 2>/dev/null; then status=${BG_READY}; break; fi` : ''}
  sleep 0.05
done
echo "nslab-log: $log"
cat "$log"
exit $status
`;
}

async function runBackground(lab: Lab, step: Step, options: StepOptions): Promise<StepOutcome> {
  const raw = await lab.run(backgroundScript(step), {
    at: parsePlace(step.at),
    // The script bounds itself; this is the safety net.
    timeoutMs: step.timeoutMs + 3000,
    maxOutputBytes: STEP_OUTPUT_CAP,
    env: { NSLAB_STEP: step.command },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const { result, log, exitedWith } = unwrapBackground(raw);
  if (result.output && options.onOutput) options.onOutput(result.output);
  const detail = judgeBackground(step, result, raw.exitCode, log, exitedWith);
  return { step, passed: detail === '', detail, result };
}

/** Strip the launcher's own lines from its output. */
function unwrapBackground(raw: RunResult): { result: RunResult; log: string; exitedWith?: string } {
  let log = '';
  let exitedWith: string | undefined;
  const keep = (text: string): string =>
    text
      .split('\n')
      .filter((l) => {
        const m = /^nslab-(log|exit): (.*)$/.exec(l);
        if (!m) return true;
        if (m[1] === 'log') log = m[2]!;
        else exitedWith = m[2]!;
        return false;
      })
      .join('\n');
  const output = keep(raw.output);
  return { result: { ...raw, stdout: keep(raw.stdout), output, exitCode: exitedWith !== undefined ? Number(exitedWith) : raw.timedOut ? null : 0 }, log, ...(exitedWith !== undefined ? { exitedWith } : {}) };
}

export function judgeBackground(step: Step, result: RunResult, launcherCode: number | null, log: string, exitedWith?: string): string {
  const ready = step.background?.ready;
  const where = log ? ` (its output is in ${log} inside the lab)` : '';
  let problem = '';
  if (launcherCode === BG_EXITED) {
    problem = `expected it to keep running in the background, but it exited with status ${exitedWith ?? '?'}${where}`;
  } else if (launcherCode === BG_NOT_READY || result.timedOut) {
    problem = `expected ${ready?.host}:${ready?.port} to accept TCP connections from ${step.at} within ${step.timeoutMs / 1000} s, but it did not${where}`;
  } else if (launcherCode !== BG_READY) {
    problem = `could not start it in the background (status ${launcherCode ?? result.signal ?? '?'})`;
  } else if (step.match && !step.match.test(result.output)) {
    problem = `expected its output so far to ${describeMatch(step)}, but it does not${where}`;
  }
  return problem ? `${problem}\n${outputTail(result.output)}` : '';
}
