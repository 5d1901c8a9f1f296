// A lab: one throwaway sandboxed network (DESIGN.md §1). The lab's PID 1 is
// src/lab/sh/init.sh, inside its own user, network, mount, UTS, IPC and PID
// namespaces. Destroying the lab is killing that one process: the kernel then
// ends every process in it and frees its namespaces, mounts, links and rules.
// If nslab itself dies, the pipe PID 1 waits on closes and the lab ends too.
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { LAB_SCRIPTS } from './paths.js';
import { missingTools, SYSTEM_PATH, userNamespaceFindings } from './requirements.js';
import { HOST, netnsPath, type Place } from './place.js';
import { runBounded, type RunLimits, type RunResult } from './process.js';

export interface LabOptions {
  /** Network namespaces the lab may hold (learner's plus the 3 hidden). */
  maxNetns?: number;
  /** Processes the lab may run at once (a fork storm stops here). */
  maxProcs?: number;
  /** How long building the lab may take before we give up. */
  readyTimeoutMs?: number;
  /** Where the lab's scripts are (src/lab/sh); tests move them around. */
  scripts?: string;
}

export interface RunOptions extends RunLimits {
  at?: Place;
  /**
   * Run in a process space of its own (a nested PID namespace with its own
   * /proc): `kill -9 -1` or a fork storm there reaches only its own
   * processes, and when it ends, everything it started ends with it.
   */
  isolated?: boolean;
}

export class LabError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'LabError';
  }
}

/** The lab's own commands (a harmless modprobe) first, then the system's. */
export const LAB_PATH = ['/run/nslab/bin', ...SYSTEM_PATH].join(':');
const MARK = 'nslab-lab=';
const live = new Set<Lab>();

/** The environment every command in a lab starts with. */
export function labEnv(labId: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: LAB_PATH,
    HOME: '/root',
    USER: 'root',
    LOGNAME: 'root',
    LANG: 'C.UTF-8',
    TERM: process.env.TERM && process.env.TERM !== 'dumb' ? process.env.TERM : 'xterm-256color',
    NSLAB_LAB: labId,
    ...extra,
  };
}

/** argv that runs `inner` at `place` inside the lab whose PID 1 is `pid`. */
export function enterArgs(pid: number, place: Place, inner: readonly string[], isolated = false): string[] {
  const args = ['-t', String(pid), '-U', '-n', '-m', '-u', '-p', '-i', '-w'];
  // Rootless, our uid already is the lab's root, and setgroups() is denied in
  // the lab: keep our credentials. As real root we must switch to lab root.
  if (process.getuid?.() !== 0) args.push('--preserve-credentials');
  args.push('--');
  const path = netnsPath(place);
  if (path) args.push('nsenter', `--net=${path}`, '--');
  if (isolated) args.push('unshare', '--pid', '--fork', '--kill-child', '--mount-proc', '--propagation', 'unchanged', '--');
  args.push(...inner);
  return args;
}

export class Lab {
  private exited = false;

  private constructor(
    readonly id: string,
    /** PID 1 of the lab, as the real machine numbers it. */
    readonly pid: number,
    private readonly keeper?: ChildProcess,
  ) {}

  static async create(options: LabOptions = {}): Promise<Lab> {
    const id = randomBytes(4).toString('hex');
    const asRoot = process.getuid?.() === 0;
    const scripts = options.scripts ?? LAB_SCRIPTS;
    const jailArgs = [id, asRoot ? '1' : '0', String(options.maxNetns ?? 64), String(options.maxProcs ?? 512)];
    // As root, the lab's root must not be the real root: map it to an
    // unprivileged uid, so that even a file the lab can reach is not its own.
    const keeper = asRoot
      ? spawn('unshare', ['--user', '--mount', 'sh', `${scripts}/enter.sh`, ...jailArgs], keeperOptions())
      : spawn('unshare', ['--map-root-user', '--mount', 'sh', `${scripts}/jail.sh`, ...jailArgs], keeperOptions());
    let stderr = '';
    keeper.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 8192) stderr += d.toString();
    });
    keeper.once('error', () => undefined); // reported as "failed to start" below
    const keeperPid = keeper.pid;
    if (keeperPid === undefined) throw new LabError('could not start unshare', 'is util-linux installed? Run `nslab doctor`.');
    try {
      if (asRoot) {
        await waitForLine(keeper, 'mapme\n', options.readyTimeoutMs ?? 10000, () => stderr);
        const outer = 200000 + (process.pid % 50000) * 8 + Math.floor(Math.random() * 8);
        // One write each: the kernel accepts a map only once, whole.
        writeFileSync(`/proc/${keeperPid}/uid_map`, `0 0 1\n1 ${outer} 1\n`);
        writeFileSync(`/proc/${keeperPid}/gid_map`, `0 0 1\n1 ${outer} 1\n`);
        keeper.stdin?.write('go\n');
      }
      await waitForLine(keeper, 'ready\n', options.readyTimeoutMs ?? 10000, () => stderr);
    } catch (err) {
      killQuietly(keeperPid);
      const why = whatIsMissing(asRoot);
      if (why) throw new LabError(`this machine cannot run labs yet: ${why.what}`, why.fix);
      throw err instanceof LabError ? err : new LabError(String((err as Error).message ?? err));
    }
    const initPid = Number(readFileSync(`/proc/${keeperPid}/task/${keeperPid}/children`, 'utf8').trim().split(/\s+/)[0]);
    if (!Number.isInteger(initPid) || initPid <= 0) {
      killQuietly(keeperPid);
      throw new LabError('the lab started but its first process could not be found');
    }
    const lab = new Lab(id, initPid, keeper);
    live.add(lab);
    keeper.once('exit', () => {
      lab.exited = true;
      live.delete(lab);
    });
    return lab;
  }

  /** A lab started by another nslab process (`nslab shell` prints its id). */
  static attach(id: string): Lab {
    const pid = findLabPid(id);
    if (pid === undefined) throw new LabError(`no running lab with id "${id}"`, 'start one with `nslab shell`; it prints its id.');
    return new Lab(id, pid);
  }

  get alive(): boolean {
    if (this.exited) return false;
    try {
      process.kill(this.pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  /** Run a bash script in the lab, bounded in time and output. */
  run(script: string, options: RunOptions = {}): Promise<RunResult> {
    return this.runArgv(['bash', '-c', script], options);
  }

  runArgv(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    if (!this.alive) throw new LabError(`lab ${this.id} is not running`);
    const { at = HOST, isolated = false, ...limits } = options;
    return runBounded('nsenter', enterArgs(this.pid, at, argv, isolated), {
      ...limits,
      env: labEnv(this.id, limits.env),
    });
  }

  /** argv (for nsenter) that enters the lab at a place: for interactive use. */
  enterArgv(argv: readonly string[], at: Place = HOST): string[] {
    return enterArgs(this.pid, at, argv);
  }

  async destroy(): Promise<void> {
    live.delete(this);
    killQuietly(this.pid);
    if (this.keeper) {
      this.keeper.stdin?.destroy();
      if (!this.exited) await new Promise<void>((resolve) => this.keeper!.once('exit', () => resolve()));
    } else {
      // Attached: wait until the kernel has reaped PID 1.
      for (let i = 0; i < 200 && this.alive; i++) await new Promise((r) => setTimeout(r, 5));
    }
    this.exited = true;
  }
}

function keeperOptions() {
  return {
    stdio: ['pipe', 'pipe', 'pipe'] as ['pipe', 'pipe', 'pipe'],
    env: { PATH: LAB_PATH, LANG: 'C.UTF-8' },
    cwd: '/',
  };
}

function waitForLine(keeper: ChildProcess, line: string, timeoutMs: number, stderr: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(`the lab was not ready after ${timeoutMs} ms`), timeoutMs);
    const onData = (d: Buffer): void => {
      out += d.toString();
      if (out.includes(line)) {
        cleanup();
        resolve();
      }
    };
    const onExit = (): void => {
      // stderr may still be in flight
      setTimeout(() => fail('the lab failed to start'), 20);
    };
    function cleanup(): void {
      clearTimeout(timer);
      keeper.stdout?.off('data', onData);
      keeper.off('exit', onExit);
    }
    function fail(what: string): void {
      cleanup();
      const detail = stderr()
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => l.replace(/^nslab-error: /, ''))
        .join('\n  ');
      reject(new LabError(detail ? `${what}:\n  ${detail}` : what, 'run `nslab doctor` to check this machine'));
    }
    keeper.stdout?.on('data', onData);
    keeper.once('exit', onExit);
  });
}

/** When a lab fails to start, the usual reasons, with the fix: one message, no trace. */
export function whatIsMissing(asRoot: boolean, find?: (command: string) => string | undefined): { what: string; fix: string } | undefined {
  const tools = missingTools(find);
  if (tools.length) {
    const pkgs = [...new Set(tools.map((t) => t.pkg))].join(' ');
    return { what: `missing ${tools.map((t) => t.command).join(', ')}`, fix: `apt-get install ${pkgs} (or run \`npm run setup\` as root)` };
  }
  const userns = userNamespaceFindings(asRoot).find((f) => !f.ok);
  if (userns) return { what: userns.what, fix: userns.fix ?? 'run `nslab doctor`' };
  return undefined;
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone already
  }
}

/** Every running lab this user can see, by id → PID 1 (its argv carries the id). */
export function runningLabs(): Map<string, number> {
  const labs = new Map<string, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv[0] !== 'bash' || !argv[1]?.endsWith('/init.sh') || !argv[2]?.startsWith(MARK)) continue;
      const id = argv[2].slice(MARK.length);
      if (/^[0-9a-f]{8}$/.test(id)) labs.set(id, Number(entry));
    } catch {
      // raced with exit, or not ours to read
    }
  }
  return labs;
}

function findLabPid(id: string): number | undefined {
  return runningLabs().get(id);
}

/** Labs this process still owns. */
export function liveLabs(): Lab[] {
  return [...live];
}

/** Kill every lab this process owns, synchronously (for exit paths). */
export function killAllLabsNow(): void {
  for (const lab of live) killQuietly(lab.pid);
  live.clear();
}
