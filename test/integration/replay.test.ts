// Replay and prepare against real labs, on small fixture lessons.
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadContent } from '../../src/content/index.js';
import { parseLesson } from '../../src/content/lesson.js';
import type { Step } from '../../src/content/types.js';
import { replayLesson, replayLessons } from '../../src/replay/replay.js';
import { prepareLab, StateError } from '../../src/replay/prepare.js';
import { runStep } from '../../src/replay/steps.js';
import replayCommand from '../../src/commands/replay.js';
import { describeLabs, withLab } from '../support/labs.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/content');

/** Steps from a lesson body written inline. */
function steps(body: string): Step[] {
  const { lesson, errors } = parseLesson('lessons/01-t.md', `---\nid: t\ntitle: T\nsummary: S\norder: 1\nstart: fresh\n---\n${body}`);
  expect(errors).toEqual([]);
  return lesson!.steps;
}

describeLabs('replay', () => {
  it('replays passing lessons, two labs at once, background server included', async () => {
    const content = await loadContent(join(FIXTURES, 'good'));
    const events: string[] = [];
    const reports = await replayLessons(content.lessons, content, { jobs: 2, onEvent: (e) => events.push(`${e.lesson.id}:${e.kind}`) });
    for (const r of reports) expect(r.diverged, JSON.stringify(r.diverged)).toBeUndefined();
    expect(reports.map((r) => [r.lesson, r.passed, r.steps.length, r.notRun])).toEqual([
      ['basics', true, 4, 0],
      ['server', true, 5, 0],
    ]);
    expect(events.filter((e) => e.endsWith(':step'))).toHaveLength(9);
    expect(events).toContain('server:lesson-end');
  });

  it('stops at the first step that diverges and names it', async () => {
    const content = await loadContent(join(FIXTURES, 'diverge'));
    const report = await replayLesson(content.lessons[0]!, content);
    expect(report.passed).toBe(false);
    expect(report.steps.map((s) => [s.id, s.passed])).toEqual([
      ['make', true],
      ['wrong-name', false],
    ]);
    expect(report.notRun).toBe(1);
    expect(report.diverged).toMatchObject({
      lesson: 'diverge',
      step: 'wrong-name',
      file: join(FIXTURES, 'diverge/lessons/01-diverge.md'),
      line: 13,
      at: 'host',
      command: 'ip netns list',
    });
    expect(report.diverged!.detail).toBe('expected the output to contain "netns9", but it does not\noutput:\n  | netns0');
  });

  it('reports a start state that fails as the divergence', async () => {
    const content = await loadContent(join(FIXTURES, 'good'));
    const lesson = { ...content.lessons[1]! };
    const states = new Map([['pair', { name: 'pair', script: '# broken\nip link add x type nonsense', source: { file: 'states/pair.sh', line: 1 } }]]);
    const report = await replayLesson(lesson, { states });
    expect(report.diverged).toMatchObject({ step: 'start-state', file: 'states/pair.sh' });
    expect(report.diverged!.detail).toMatch(/start state "pair" \(states\/pair.sh\) failed with exit status \d+/);
    expect(report.steps).toEqual([]);
  });

  describe('the command', () => {
    afterEach(() => vi.restoreAllMocks());

    it('prints a JSON report and exits 1 when a step diverges', async () => {
      let out = '';
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
      vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      const code = await replayCommand(['--root', join(FIXTURES, 'diverge'), '--format', 'json', 'diverge']);
      expect(code).toBe(1);
      const report = JSON.parse(out);
      expect(report.passed).toBe(false);
      expect(report.lessons[0].diverged).toMatchObject({ lesson: 'diverge', step: 'wrong-name', line: 13 });
    });

    it('prints the diverging step in text, and exits 0 when all is well', async () => {
      let out = '';
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
      expect(await replayCommand(['--root', join(FIXTURES, 'diverge'), 'diverge'])).toBe(1);
      expect(out).toContain('✗ lesson "diverge" (A lesson that goes wrong) diverged at step "wrong-name"');
      expect(out).toMatch(/where: +\S*test\/fixtures\/content\/diverge\/lessons\/01-diverge.md:13/);
      expect(out).toContain('expected the output to contain "netns9"');
      out = '';
      expect(await replayCommand(['--root', join(FIXTURES, 'good'), 'basics'])).toBe(0);
      expect(out).toContain('✓ lesson "basics": all 4 steps as expected');
    });

    it('answers an unknown lesson with a guess and exit 2', async () => {
      const errors: string[] = [];
      vi.spyOn(console, 'error').mockImplementation((m) => void errors.push(String(m)));
      expect(await replayCommand(['--root', join(FIXTURES, 'good'), 'basis'])).toBe(2);
      expect(errors.join('\n')).toContain('no lesson "basis" (did you mean "basics"?)');
    });
  });
});

describeLabs('steps', () => {
  it('fails a background command that exits at once, with its status and output', async () => {
    const [s] = steps('```sh step background\necho starting; exit 3\n```\n');
    const outcome = await withLab((lab) => runStep(lab, s!));
    expect(outcome.passed).toBe(false);
    expect(outcome.detail).toMatch(/^expected it to keep running in the background, but it exited with status 3 \(its output is in \/tmp\/nslab-steps\/step-1-\d+\.log inside the lab\)\noutput:\n  \| starting$/);
  });

  it('fails a background server that never listens on its ready port, within its timeout', async () => {
    const [s] = steps('```sh step background ready=127.0.0.1:9 timeout=1\nsleep 100\n```\n');
    const started = performance.now();
    const outcome = await withLab((lab) => runStep(lab, s!));
    expect(performance.now() - started).toBeLessThan(4000);
    expect(outcome.passed).toBe(false);
    expect(outcome.detail).toMatch(/^expected 127.0.0.1:9 to accept TCP connections from host within 1 s, but it did not/);
  });

  it('waits for a server that takes a moment to listen, from the step\'s place', async () => {
    const [add, serve, fetch] = steps(
      '```sh step\nip netns add netns0 && ip -n netns0 link set lo up\n```\n' +
        '```sh step at=netns0 background ready=127.0.0.1:7000\nsleep 0.3; exec python3 -m http.server 7000 --bind 127.0.0.1\n```\n' +
        '```sh step at=netns0 match="200"\ncurl -s -o /dev/null -w "%{http_code}" --max-time 2 http://127.0.0.1:7000/\n```\n',
    );
    await withLab(async (lab) => {
      expect((await runStep(lab, add!)).passed).toBe(true);
      const up = await runStep(lab, serve!);
      expect(up.detail).toBe('');
      expect(up.result.durationMs).toBeGreaterThanOrEqual(300);
      expect((await runStep(lab, fetch!)).detail).toBe('');
      // The host has no such listener: the probe really ran inside netns0.
      expect((await lab.run('curl -s --max-time 1 http://127.0.0.1:7000/')).exitCode).not.toBe(0);
    });
  });

  it('stops a step at its timeout and says so', async () => {
    const [s] = steps('```sh step timeout=0.5\necho before; sleep 5\n```\n');
    const outcome = await withLab((lab) => runStep(lab, s!));
    expect(outcome.passed).toBe(false);
    expect(outcome.result.durationMs).toBeLessThan(2000);
    expect(outcome.detail).toMatch(/^expected it to finish within 0.5 s, but it was still running and was stopped/);
    expect(outcome.detail).toContain('| before');
  });

  it('streams output as it comes', async () => {
    const [s] = steps('```sh step\necho one; echo two >&2\n```\n');
    const chunks: string[] = [];
    await withLab((lab) => runStep(lab, s!, { onOutput: (c) => chunks.push(c) }));
    expect(chunks.join('')).toContain('one');
    expect(chunks.join('')).toContain('two');
  });
});

describeLabs('prepare', () => {
  it('builds a lab to a lesson step: the state, then the steps up to it', async () => {
    const content = await loadContent(join(FIXTURES, 'good'));
    await withLab(async (lab) => {
      const progress: string[] = [];
      const what = await prepareLab(lab, 'server:serve', (l) => progress.push(l), content);
      expect(what).toBe(`lesson "server" (A server in a container) after step 2 "serve" (${join(FIXTURES, 'good/lessons/02-server.md')}:18)`);
      expect(progress).toEqual(['applying start state "pair"', 'step 1 "cable" done', 'step 2 "serve" done']);
      const r = await lab.run('curl -s --max-time 2 http://10.0.0.2:8000/ | head -c 200; ip netns list');
      expect(r.output).toContain('Directory listing');
      expect(r.output).toContain('netns1');
    });
  });

  it('builds a challenge start: its state and setup script', async () => {
    const content = await loadContent(join(FIXTURES, 'good'));
    content.challenges.push({
      id: 'toy', title: 'Toy', difficulty: 1, setup: { state: 'pair', script: 'ip -n netns1 link add v0 type veth peer name v1' },
      task: '', checks: [], hints: [], solution: '', wrong: [], source: { file: 'challenges/toy.md', line: 1 },
    });
    await withLab(async (lab) => {
      expect(await prepareLab(lab, 'toy', () => undefined, content)).toBe('the start of challenge "toy" (Toy)');
      expect((await lab.run('ip -n netns1 -br link show v1')).exitCode).toBe(0);
    });
  });

  it('refuses to pretend when a step on the way diverges', async () => {
    const content = await loadContent(join(FIXTURES, 'diverge'));
    await withLab(async (lab) => {
      const failure = await prepareLab(lab, 'diverge:never-run', () => undefined, content).catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(StateError);
      expect((failure as Error).message).toMatch(/^step 2 "wrong-name" \(.*01-diverge.md:13\) did not do what the lesson expects/);
    });
  });
});
