import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parsePrepareSpec, planPrepare, SpecError } from '../../src/replay/prepare.js';
import { backgroundScript, judgeStep, outputTail } from '../../src/replay/steps.js';
import { selectLessons } from '../../src/commands/replay.js';
import { renderList } from '../../src/commands/list.js';
import type { RunResult } from '../../src/lab/process.js';
import type { Challenge, Lesson, Step } from '../../src/content/types.js';
import { emptyProgress } from '../../src/ui/progress.js';

const step = (index: number, extra: Partial<Step> = {}): Step => ({
  id: `step-${index}`, index, at: 'host', command: 'true', expect: { kind: 'ok' }, timeoutMs: 10_000, source: { file: 'lessons/03-veth.md', line: 10 * index }, ...extra,
});
const lesson = (id: string, extra: Partial<Lesson> = {}): Lesson => ({
  id, title: `The ${id} lesson`, summary: 's', order: 1, start: 'netns', challenges: [], body: '', bodyLine: 8,
  steps: [step(1), step(2, { id: 'ping' }), step(3)], source: { file: `lessons/03-${id}.md`, line: 1 }, ...extra,
});
const challenge = (id: string, extra: Partial<Challenge> = {}): Challenge => ({
  id, title: `The ${id} challenge`, difficulty: 2, setup: { state: 'bridge', script: 'true' }, task: '', checks: [], hints: [], solution: '', wrong: [], source: { file: `challenges/${id}.md`, line: 1 }, ...extra,
});
const content = { lessons: [lesson('veth'), lesson('bridge')], challenges: [challenge('veth'), challenge('outbound')] };

describe('prepare specs', () => {
  it.each([
    ['veth', { kind: 'lesson', lesson: 'veth', explicit: false }],
    ['veth:3', { kind: 'lesson', lesson: 'veth', step: '3', explicit: false }],
    ['veth:ping', { kind: 'lesson', lesson: 'veth', step: 'ping', explicit: false }],
    ['lesson:veth', { kind: 'lesson', lesson: 'veth', explicit: true }],
    ['lesson:veth:2', { kind: 'lesson', lesson: 'veth', step: '2', explicit: true }],
    ['challenge:veth', { kind: 'challenge', challenge: 'veth' }],
  ])('parses %s', (text, spec) => {
    expect(parsePrepareSpec(text)).toEqual(spec);
  });

  it.each(['', 'veth:', ':3', 'a:b:c', 'challenge:', 'challenge:a:b', 'lesson:'])('refuses "%s"', (text) => {
    expect(() => parsePrepareSpec(text)).toThrow(SpecError);
  });

  it('builds a lesson start, preferring the lesson when a challenge shares its id', () => {
    const plan = planPrepare(content, parsePrepareSpec('veth'));
    expect(plan).toMatchObject({ state: 'netns', steps: [], description: 'the start of lesson "veth" (The veth lesson)' });
    expect(plan.notes[0]).toContain('--at challenge:veth');
  });

  it('runs steps up to and including the one named, by id or number', () => {
    expect(planPrepare(content, parsePrepareSpec('veth:ping')).steps.map((s) => s.id)).toEqual(['step-1', 'ping']);
    expect(planPrepare(content, parsePrepareSpec('veth:3')).steps.map((s) => s.id)).toEqual(['step-1', 'ping', 'step-3']);
    expect(planPrepare(content, parsePrepareSpec('veth:3')).description).toBe('lesson "veth" (The veth lesson) after step 3 "step-3" (lessons/03-veth.md:30)');
  });

  it('builds a challenge start with its setup script', () => {
    expect(planPrepare(content, parsePrepareSpec('outbound'))).toMatchObject({ state: 'bridge', setupScript: 'true', description: 'the start of challenge "outbound" (The outbound challenge)' });
    expect(planPrepare(content, parsePrepareSpec('challenge:veth')).description).toContain('challenge "veth"');
  });

  it('names what is unknown and lists what exists', () => {
    expect(() => planPrepare(content, parsePrepareSpec('brige'))).toThrow(/no lesson or challenge "brige" — did you mean "bridge"\?\n  lessons: veth, bridge\n  challenges: veth, outbound/);
    expect(() => planPrepare(content, parsePrepareSpec('veth:9'))).toThrow(/lesson "veth" has no step "9": give a step id or a number from 1 to 3\n  steps: 1=step-1, 2=ping, 3=step-3/);
    expect(() => planPrepare(content, parsePrepareSpec('challenge:bridge'))).toThrow(/no challenge "bridge"/);
    expect(() => planPrepare(content, parsePrepareSpec('outbound:1'))).toThrow(/no lesson "outbound"/);
  });
});

describe('judging a step', () => {
  const result = (extra: Partial<RunResult>): RunResult => ({ exitCode: 0, signal: null, stdout: '', stderr: '', output: '', timedOut: false, truncated: false, aborted: false, durationMs: 5, ...extra });

  it('passes on the expected exit status and matching output', () => {
    expect(judgeStep(step(1), result({}))).toBe('');
    expect(judgeStep(step(1, { expect: { kind: 'fail' } }), result({ exitCode: 2 }))).toBe('');
    expect(judgeStep(step(1, { match: /unreachable/ }), result({ output: 'Network is unreachable\n' }))).toBe('');
  });

  it('says expected vs got, with the last lines of output', () => {
    expect(judgeStep(step(1), result({ exitCode: 1, output: 'ping: connect: Network is unreachable\n' }))).toBe(
      'expected exit status 0, got 1\noutput:\n  | ping: connect: Network is unreachable',
    );
    expect(judgeStep(step(1, { expect: { kind: 'fail' } }), result({}))).toBe('expected it to fail (non-zero exit status), but it succeeded (exit status 0)\nit printed nothing');
    expect(judgeStep(step(1, { match: /netns9/, matchText: 'netns9' }), result({ output: 'netns0\n' }))).toBe(
      'expected the output to contain "netns9", but it does not\noutput:\n  | netns0',
    );
    expect(judgeStep(step(1, { match: /^a+$/m }), result({ exitCode: 3 }))).toBe('expected exit status 0, got 3; expected the output to match /^a+$/m, but it does not\nit printed nothing');
    expect(judgeStep(step(1), result({ exitCode: null, timedOut: true }))).toMatch(/^expected it to finish within 10 s, but it was still running/);
    expect(judgeStep(step(1, { expect: { kind: 'fail' } }), result({ exitCode: null, timedOut: true }))).toMatch(/still running/);
    expect(judgeStep(step(1), result({ exitCode: null, signal: 'SIGKILL', truncated: true }))).toMatch(/output passed 256 KiB/);
  });

  it('shows only the last lines of a long output', () => {
    const out = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');
    const tail = outputTail(out, 3);
    expect(tail).toBe('last 3 of 20 lines of output:\n  | line 18\n  | line 19\n  | line 20');
  });

  it('writes a background launcher that bash can parse', () => {
    for (const s of [step(1, { background: {} }), step(2, { background: { ready: { host: '172.18.0.10', port: 5000 } } })]) {
      const r = spawnSync('bash', ['-n'], { input: backgroundScript(s) });
      expect(r.stderr.toString()).toBe('');
      expect(r.status).toBe(0);
    }
    expect(backgroundScript(step(1, { background: { ready: { host: '10.0.0.2', port: 80 } } }))).toContain('10.0.0.2 80');
  });
});

describe('choosing lessons to replay', () => {
  it('finds lessons by id, and guesses on a typo', () => {
    expect(selectLessons({ ...content, errors: [] }, ['bridge', 'veth'])).toEqual([content.lessons[1], content.lessons[0]]);
    expect(selectLessons({ ...content, errors: [] }, ['vteh'])).toBe('no lesson "vteh" (did you mean "veth"?)\n  lessons: veth, bridge');
    expect(selectLessons({ ...content, errors: [] }, ['outbound'])).toMatch(/"outbound" is a challenge/);
    expect(selectLessons({ ...content, errors: [{ file: '/x/lessons/07-nat.md', line: 3, message: 'bad' }] }, ['nat'])).toMatch(/has content problems/);
  });
});

describe('nslab list', () => {
  it('lists lessons in order and challenges with difficulty, with marks only when there is progress', () => {
    const plain = renderList(content);
    expect(plain.slice(0, 5)).toEqual(['Lessons', '   1. veth      The veth lesson', '                s', '   2. bridge    The bridge lesson', '                s']);
    expect(plain).toContain('  outbound  ★★☆  The outbound challenge');
    const progress = emptyProgress();
    progress.lessons.veth = { step: 3, passed: [], done: true };
    const marked = renderList(content, progress);
    expect(marked[1]).toBe('  ✓  1. veth      The veth lesson');
    expect(marked[2]).toBe('                  s');
    expect(marked[3]).toBe('  ·  2. bridge    The bridge lesson');
  });
});

describe('nslab replay refuses broken content before building any lab', () => {
  it('lists the problems and exits 2', async () => {
    const { default: replayCommand } = await import('../../src/commands/replay.js');
    const { join } = await import('node:path');
    const errors: string[] = [];
    const spy = (await import('vitest')).vi.spyOn(console, 'error').mockImplementation((m) => void errors.push(String(m)));
    try {
      expect(await replayCommand(['--root', join(import.meta.dirname, '../fixtures/content/broken'), '--all'])).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(errors.some((e) => /lessons\/06-bad-regex.md:9: /.test(e))).toBe(true);
    expect(errors.at(-1)).toContain('fix the content problems above before replaying');
  });
});
