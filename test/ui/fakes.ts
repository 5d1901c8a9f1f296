// Fake services for UI tests: content in memory, labs that answer from a
// script, steps that stream output, checks driven by what was run.
import { readFileSync } from 'node:fs';
import type { CheckResult, CheckSpec } from '../../src/check/types.js';
import type { ContentIndex } from '../../src/content/index.js';
import type { Challenge, Lesson, Step } from '../../src/content/types.js';
import { placeLabel, type Place } from '../../src/lab/place.js';
import type { RunResult } from '../../src/lab/process.js';
import { memoryProgressStore, type Progress } from '../../src/ui/progress.js';
import type { Services, StepRun, UiLab } from '../../src/ui/services.js';
import { parseSnapshotOutput } from '../../src/inspect/snapshot.js';
import type { LabSnapshot } from '../../src/inspect/types.js';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const KEY = { up: '\x1B[A', down: '\x1B[B', left: '\x1B[D', right: '\x1B[C', enter: '\r', escape: '\x1B', tab: '\t', backspace: '\x7F', ctrlC: '\x03' };

/** Type keys one at a time, letting React and ink settle after each. */
export async function press(stdin: { write(s: string): void }, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    stdin.write(k);
    await sleep(25);
  }
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
  // The frame is written at commit; input hooks attach in effects just after.
  await sleep(40);
}

export function result(output: string, exitCode = 0): RunResult {
  return { exitCode, signal: null, stdout: output, stderr: '', output, timedOut: false, truncated: false, aborted: false, durationMs: 3 };
}

export function step(index: number, command: string, extra: Partial<Step> = {}): Step {
  return { id: `step-${index}`, index, at: 'host', command, expect: { kind: 'ok' }, timeoutMs: 10000, source: { file: 'lessons/x.md', line: index }, ...extra };
}

export const LESSON_BODY = `# Namespaces

A **network namespace** is a *separate* copy of the network stack; see [the man page](https://man7.org/linux/man-pages/man8/ip-netns.8.html) and \`ip netns\`.

- devices
- routes
  1. nested ordered

> A quote about isolation.

---

\`\`\`sh step
ip netns add netns0
\`\`\`

List them:

\`\`\`sh step at=netns0 match="lo"
ip link list # only lo
\`\`\`

\`\`\`text
1: lo: <LOOPBACK> mtu 65536
\`\`\`

That is all.
`;

export const lessonA: Lesson = {
  id: 'netns',
  title: 'Network namespaces',
  summary: 'What a namespace holds.',
  order: 1,
  start: 'fresh',
  challenges: ['netns'],
  body: LESSON_BODY,
  bodyLine: 8,
  steps: [step(1, 'ip netns add netns0'), step(2, 'ip link list # only lo', { at: 'netns0', match: /lo/ })],
  source: { file: 'lessons/01-netns.md', line: 1 },
};

export const lessonB: Lesson = {
  ...lessonA,
  id: 'veth',
  title: 'Connecting a container',
  summary: 'veth pairs.',
  order: 2,
  challenges: ['veth'],
  body: 'Pairs.\n\n```sh step\nip link add veth0 type veth peer name ceth0\n```\n',
  steps: [step(1, 'ip link add veth0 type veth peer name ceth0')],
  source: { file: 'lessons/02-veth.md', line: 1 },
};

const check = (id: string, title: string): CheckSpec => ({ id, title, kind: 'netns', name: 'netns0' });

export const challengeA: Challenge = {
  id: 'netns',
  title: 'Make a namespace',
  difficulty: 1,
  lesson: 'netns',
  setup: { state: 'fresh' },
  task: 'Create **netns0** with its loopback up.',
  checks: [check('exists', 'netns0 exists'), check('lo-up', 'lo is up in netns0')],
  hints: ['Namespaces are made with ip.', 'ip netns add NAME', 'Set it up with `ip -n netns0 link set lo up`'],
  solution: 'ip netns add netns0',
  wrong: [],
  source: { file: 'challenges/netns.md', line: 1 },
};

export const challengeB: Challenge = { ...challengeA, id: 'veth', title: 'Connect it', difficulty: 2, lesson: 'veth' };

export const content: ContentIndex = { lessons: [lessonA, lessonB], challenges: [challengeA, challengeB], states: new Map(), errors: [] };

/** A snapshot recorded from a real lab by test/fixtures/ui/record.mjs (fresh, bridge, route-clash, half). */
export function recordedSnapshot(name: string): LabSnapshot {
  const text = readFileSync(new URL(`../fixtures/ui/snapshot-${name}.txt`, import.meta.url), 'utf8');
  return { ...parseSnapshotOutput(text, 'NSLAB-SNAPSHOT-fixture'), takenAt: 0, durationMs: 0 };
}

export class FakeLab implements UiLab {
  static count = 0;
  readonly id = `fake${++FakeLab.count}`;
  destroyed = false;
  /** Every command run, with where. */
  readonly ran: Array<{ script: string; at: string }> = [];
  /** What the lab has been told to do, for the fake checks. */
  readonly state = new Set<string>();
  namespaces: string[] = [];
  /** Abort signals seen by `sleep` commands, in order. */
  readonly signals: Array<AbortSignal | undefined> = [];
  async run(
    script: string,
    options: { at?: Place; onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void; signal?: AbortSignal } = {},
  ): Promise<RunResult> {
    const at = placeLabel(options.at ?? { kind: 'host' });
    this.ran.push({ script, at });
    // `sleep …` runs until aborted (a real lab would kill it), at most 5 s so a broken test ends.
    if (script.startsWith('sleep ')) {
      this.signals.push(options.signal);
      options.onOutput?.('zzz\n', 'stdout');
      const aborted = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 5000);
        const stop = (): void => {
          clearTimeout(timer);
          resolve(true);
        };
        if (options.signal?.aborted) stop();
        else options.signal?.addEventListener('abort', stop, { once: true });
      });
      return { ...result('zzz\n', aborted ? -1 : 0), exitCode: aborted ? null : 0, signal: aborted ? 'SIGKILL' : null, aborted };
    }
    if (script === 'ip netns list') return result(this.namespaces.map((n) => `${n} (id: 0)`).join('\n'));
    if (script.startsWith('ip netns add ')) {
      this.namespaces.push(script.slice(13).trim());
      this.state.add('netns0');
    }
    if (script.includes('link set lo up')) this.state.add('lo-up');
    if (script.startsWith('fail')) {
      options.onOutput?.('something broke\n', 'stderr');
      return result('something broke\n', 1);
    }
    const out = `ran ${script} at ${at}\n`;
    options.onOutput?.(out, 'stdout');
    return result(out);
  }
  async destroy(): Promise<void> {
    this.destroyed = true;
  }
}

export interface FakeServices extends Services {
  labs: FakeLab[];
  prepared: string[];
  evaluations: number;
  shells: Array<{ lab: string; at: string }>;
  /** Gate for streaming steps: resolve to let the step finish. */
  release?: () => void;
}

export function fakeServices(
  options: { progress?: Progress; streamSteps?: boolean; content?: ContentIndex; labBuilt?: Promise<void> } = {},
): FakeServices {
  const services: FakeServices = {
    labs: [],
    prepared: [],
    evaluations: 0,
    shells: [],
    loadContent: async () => options.content ?? content,
    async createLab() {
      const lab = new FakeLab();
      services.labs.push(lab);
      return lab;
    },
    async prepareLab(_lab, spec) {
      services.prepared.push(spec);
      await options.labBuilt;
      return `the start of ${spec}`;
    },
    async runStep(lab, s, { onOutput, signal }): Promise<StepRun> {
      const fake = lab as FakeLab;
      if (options.streamSteps) {
        onOutput?.('first line\n');
        await sleep(10);
        onOutput?.('second line\n');
        await new Promise<void>((resolve) => (services.release = resolve));
      }
      const r = await fake.run(s.command, {
        at: s.at === 'host' ? { kind: 'host' } : { kind: 'netns', name: s.at },
        onOutput: options.streamSteps ? undefined : (c) => onOutput?.(c),
        ...(signal ? { signal } : {}),
      });
      const output = (options.streamSteps ? 'first line\nsecond line\n' : '') + r.output;
      const passed = s.match ? s.match.test(output) : r.exitCode === 0;
      return { passed, detail: passed ? '' : `expected output matching /${s.match?.source}/, got "${output.trim()}"`, result: { ...r, output, stdout: output } };
    },
    async evaluateChecks(lab, checks, { onResult }): Promise<CheckResult[]> {
      services.evaluations++;
      const fake = lab as FakeLab;
      const results: CheckResult[] = [];
      for (const c of checks) {
        await sleep(2);
        const passed = fake.state.has(c.id === 'exists' ? 'netns0' : c.id);
        const r = { id: c.id, title: c.title, passed, detail: passed ? '' : `expected ${c.id}, found nothing` };
        onResult?.(r);
        results.push(r);
      }
      return results;
    },
    snapshot: async () => recordedSnapshot('route-clash'),
    progress: memoryProgressStore(options.progress),
    async interactive(lab, at) {
      services.shells.push({ lab: lab.id, at: placeLabel(at) });
      return 0;
    },
  };
  return services;
}
