// Run one process with a wall-clock limit and an output cap. On either limit
// the whole process group is killed (SIGKILL), so a runaway command cannot
// outlive its budget and a flood is cut rather than buffered.
// node:child_process rather than execa: this is the lab's hot path, and
// importing execa costs ~70 ms of a start budget measured in tens.
import { spawn } from 'node:child_process';

export interface RunLimits {
  /** Wall-clock limit; 0 or undefined means none. */
  timeoutMs?: number;
  /** Combined stdout+stderr bytes kept; the process is killed past it. */
  maxOutputBytes?: number;
  /** Text written to stdin, which is then closed. Without it stdin is empty. */
  input?: string;
  env?: Record<string, string>;
  /** Called with each chunk as it arrives (for live display). */
  onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
  /** Aborting kills the command's process group (e.g. Ctrl-C in the TUI). */
  signal?: AbortSignal;
}

export interface RunResult {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved in arrival order. */
  output: string;
  timedOut: boolean;
  truncated: boolean;
  /** Stopped through RunLimits.signal. */
  aborted: boolean;
  durationMs: number;
}

export const DEFAULT_MAX_OUTPUT = 1024 * 1024;
const STREAM_GRACE_MS = 150;

function ended(stream: NodeJS.ReadableStream | null | undefined): Promise<void> {
  if (!stream || (stream as { readableEnded?: boolean }).readableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('end', () => resolve());
    stream.once('close', () => resolve());
  });
}

export async function runBounded(file: string, args: readonly string[], limits: RunLimits = {}): Promise<RunResult> {
  const started = performance.now();
  const maxOutput = limits.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  const child = spawn(file, args, {
    detached: true, // its own process group, so we can kill the whole tree
    stdio: [limits.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    env: limits.env ?? {},
  });
  if (limits.input !== undefined) {
    child.stdin?.on('error', () => undefined); // the command may not read it all
    child.stdin?.end(limits.input);
  }
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  let stdout = '';
  let stderr = '';
  let output = '';
  let kept = 0;
  let truncated = false;
  let timedOut = false;
  const killGroup = (): void => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const take = (stream: 'stdout' | 'stderr') => (data: Buffer | string): void => {
    if (truncated) return;
    let chunk = typeof data === 'string' ? data : data.toString('utf8');
    if (kept + chunk.length > maxOutput) {
      chunk = chunk.slice(0, Math.max(0, maxOutput - kept));
      truncated = true;
      killGroup();
    }
    kept += chunk.length;
    if (stream === 'stdout') stdout += chunk;
    else stderr += chunk;
    output += chunk;
    if (chunk) limits.onOutput?.(chunk, stream);
  };
  child.stdout?.on('data', take('stdout'));
  child.stderr?.on('data', take('stderr'));
  let aborted = false;
  const onAbort = (): void => {
    aborted = true;
    killGroup();
  };
  if (limits.signal?.aborted) onAbort();
  else limits.signal?.addEventListener('abort', onAbort, { once: true });
  const timer =
    limits.timeoutMs && limits.timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          killGroup();
        }, limits.timeoutMs)
      : undefined;
  // A background job (`server &`) may keep our pipes open after the command
  // itself exited: give the streams a moment to drain, then stop listening.
  const exit = await Promise.race([
    new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    ),
    spawnError.then((err) => {
      stderr += `${file}: ${err.message}\n`;
      output += `${file}: ${err.message}\n`;
      return { code: 127, signal: null };
    }),
  ]);
  await Promise.race([
    Promise.all([ended(child.stdout), ended(child.stderr)]),
    new Promise((resolve) => setTimeout(resolve, STREAM_GRACE_MS)),
  ]);
  child.stdout?.destroy();
  child.stderr?.destroy();
  if (timer) clearTimeout(timer);
  limits.signal?.removeEventListener('abort', onAbort);
  return {
    aborted,
    exitCode: exit.code,
    signal: exit.signal,
    stdout,
    stderr,
    output,
    timedOut,
    truncated,
    durationMs: Math.round(performance.now() - started),
  };
}
