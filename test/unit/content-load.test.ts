import { mkdtemp, mkdir, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent, MAX_CONTENT_BYTES, type ContentError } from '../../src/content/index.js';
import { crossCheck } from '../../src/content/crosscheck.js';
import { parseLesson } from '../../src/content/lesson.js';
import { namespacesCreated, parseState } from '../../src/content/state.js';
import type { Challenge, Lesson } from '../../src/content/types.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/content');
const where = (root: string, errors: ContentError[]): string[] => errors.map((e) => `${relative(root, e.file)}:${e.line}`);

describe('loading good content', () => {
  it('loads lessons in order, with their steps and line numbers, and no errors', async () => {
    const root = join(FIXTURES, 'good');
    const content = await loadContent(root);
    expect(content.errors).toEqual([]);
    expect(content.lessons.map((l) => l.id)).toEqual(['basics', 'server']);
    expect([...content.states.keys()]).toEqual(['pair']);
    expect(content.states.get('pair')!.description).toBe('two empty containers, netns0 and netns1, with their loopbacks up');
    const basics = content.lessons[0]!;
    expect(basics).toMatchObject({ title: 'A namespace of one\'s own', summary: 'Create netns0 and look around inside it.', order: 1, start: 'fresh', challenges: [], bodyLine: 8 });
    expect(basics.steps.map((s) => [s.id, s.index, s.at, s.source.line, s.expect.kind])).toEqual([
      ['add', 1, 'host', 11, 'ok'],
      ['step-2', 2, 'netns0', 17, 'ok'],
      ['step-3', 3, 'netns0', 25, 'fail'],
      ['step-4', 4, '@internet', 30, 'ok'],
    ]);
    expect(basics.steps[2]!.command).toBe('ip link set lo up\nping -c 1 -W 1 172.16.0.2');
    const serve = content.lessons[1]!.steps[1]!;
    expect(serve).toMatchObject({ id: 'serve', background: { ready: { host: '10.0.0.2', port: 8000 } }, timeoutMs: 5000 });
    expect(content.lessons[1]!.steps[3]!.background).toEqual({});
  });

  it('returns empty content, not an error, where there are no folders', async () => {
    const root = await mkdtemp(join(tmpdir(), 'nslab-empty-'));
    try {
      expect(await loadContent(root)).toEqual({ lessons: [], challenges: [], states: new Map(), errors: [] });
    } finally {
      await rm(root, { recursive: true });
    }
  });
});

describe('refusing broken content with file:line', () => {
  const root = join(FIXTURES, 'broken');
  const expected: Array<[string, string]> = [
    ['lessons/01-no-front-matter.md:1', 'must start with YAML front matter'],
    ['lessons/02-bad-yaml.md:3', 'front matter is not valid YAML'],
    ['lessons/03-missing-id.md:1', 'missing field "id"'],
    ['lessons/04-unknown-field.md:7', 'unknown field "colour"'],
    ['lessons/05-bad-attribute.md:15', 'unknown step attribute "wait"'],
    ['lessons/06-bad-regex.md:9', 'match=/(unclosed/: not a valid regular expression'],
    ['lessons/07-unterminated.md:13', 'never closed'],
    ['lessons/09-dup.md:2', 'lesson id "dup" is already used by lessons/08-dup.md'],
    ['lessons/10-unknown-state.md:6', 'unknown start state "bridg"'],
    ['lessons/11-dangling.md:8', 'no challenge "noheader"'],
    ['lessons/11-dangling.md:9', 'no challenge "no-such-challenge"'],
    ['lessons/12-empty.md:1', 'no runnable steps'],
    ['lessons/13-unknown-namespace.md:13', 'runs at=netns7, but no earlier step (nor states/noheader.sh) creates it'],
    ['lessons/14-duplicate-step.md:13', 'step id "look" is already used by the step at line 9'],
    ['lessons/15-bad-order.md:5', '"order" must be a number, got "fifteen"'],
    ['lessons/16-forgot-step.md:9', 'write `sh step at=host expect=fail`'],
    ['states/noheader.sh:1', 'start the state with a comment line'],
  ];

  it('reports exactly the expected problems, each at its line', async () => {
    const content = await loadContent(root);
    expect(where(root, content.errors)).toEqual(expected.map(([at]) => at));
    content.errors.forEach((e, i) => expect(e.message).toContain(expected[i]![1]));
  });

  it('still loads what it can: lessons whose front matter is fine', async () => {
    const content = await loadContent(root);
    const ids = content.lessons.map((l) => l.id);
    expect(ids).toContain('bad-attribute');
    expect(ids).not.toContain('bad-order');
    // The good step of a lesson with a broken one survives; the broken one is dropped.
    expect(content.lessons.find((l) => l.id === 'bad-attribute')!.steps.map((s) => s.id)).toEqual(['step-1', 'step-3']);
  });

  it('refuses a file over 1 MiB without parsing it', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'nslab-huge-'));
    try {
      await mkdir(join(tmp, 'lessons'));
      const good = await readFile(join(FIXTURES, 'good/lessons/01-basics.md'), 'utf8');
      await writeFile(join(tmp, 'lessons/01-basics.md'), good + '\n' + 'padding '.repeat(MAX_CONTENT_BYTES / 8 + 1));
      const content = await loadContent(tmp);
      expect(where(tmp, content.errors)).toEqual(['lessons/01-basics.md:1']);
      expect(content.errors[0]!.message).toMatch(/1\.0 MiB; content files must be at most 1 MiB/);
      expect(content.lessons).toEqual([]);
    } finally {
      await rm(tmp, { recursive: true });
    }
  });
});

describe('the lesson parser', () => {
  const head = (extra = ''): string => `---\nid: x\ntitle: X\nsummary: S\norder: 1\nstart: fresh\n${extra}---\n`;

  it('points a bad field inside a list at its own line', () => {
    const { errors } = parseLesson('lessons/01-x.md', head('challenges:\n  - ok\n  - Not_An_Id\n') + '\n```sh step\ntrue\n```\n');
    expect(errors.map((e) => `${e.line}: ${e.message}`)).toEqual(['9: "challenges[1]": use lowercase letters, digits and "-"']);
  });

  it('complains when the file name and the id disagree', () => {
    const { errors } = parseLesson('lessons/01-other.md', head() + '\n```sh step\ntrue\n```\n');
    expect(errors.map((e) => e.line)).toEqual([2]);
    expect(errors[0]!.message).toContain('does not match the file name');
  });

  it('numbers step lines from the top of the file, CRLF or not', () => {
    const text = (head() + '\nprose\n\n```sh step\nls\n```\n').replace(/\n/g, '\r\n');
    const { lesson, errors } = parseLesson('lessons/01-x.md', text);
    expect(errors).toEqual([]);
    expect(lesson!.steps[0]!.source.line).toBe(11);
    expect(lesson!.steps[0]!.command).toBe('ls');
  });

  it('refuses an unclosed front matter and an empty step', () => {
    expect(parseLesson('lessons/01-x.md', '---\nid: x\n').errors).toEqual([
      { file: 'lessons/01-x.md', line: 1, message: expect.stringContaining('never closed') },
    ]);
    const empty = parseLesson('lessons/01-x.md', head() + '\n```sh step\n```\n');
    expect(empty.errors).toEqual([{ file: 'lessons/01-x.md', line: 9, message: 'the step has no command' }]);
  });

  it('finds steps inside list items', () => {
    const { lesson } = parseLesson('lessons/01-x.md', head() + '\n1. first\n\n   ```sh step at=@client\n   ip -br addr\n   ```\n');
    expect(lesson!.steps).toMatchObject([{ at: '@client', command: 'ip -br addr', source: { line: 11 } }]);
  });
});

describe('states', () => {
  it('finds the namespaces a script creates', () => {
    expect(namespacesCreated('ip netns add netns0\nip -all netns add "netns1"; ip netns add c1')).toEqual({ names: new Set(['netns0', 'netns1', 'c1']), open: false });
    expect(namespacesCreated('for n in a b; do ip netns add $n; done').open).toBe(true);
  });

  it('refuses "fresh" as a state file and bad names', () => {
    expect(parseState('states/fresh.sh', '# x\n').errors[0]!.message).toContain('needs no file');
    expect(parseState('states/Bad.sh', '# x\n').errors[0]!.message).toContain('not a valid state name');
    expect(parseState('states/ok.sh', '#!/bin/bash\n# the header\ntrue\n')).toMatchObject({ state: { name: 'ok', description: 'the header' }, errors: [] });
  });
});

describe('cross-checks', () => {
  const lesson = (id: string, order: number, extra: Partial<Lesson> = {}): Lesson => ({
    id, title: id, summary: id, order, start: 'fresh', challenges: [], body: '', bodyLine: 8, steps: [], source: { file: `lessons/0${order}-${id}.md`, line: 1 }, ...extra,
  });
  const challenge = (id: string, extra: Partial<Challenge> = {}): Challenge => ({
    id, title: id, difficulty: 1, setup: { state: 'fresh' }, task: '', checks: [], hints: [], solution: 'true', wrong: [], source: { file: `challenges/${id}.md`, line: 1 }, ...extra,
  });
  const locate = (_file: string, path: readonly PropertyKey[]): number => 100 + path.length * 10 + (typeof path[1] === 'number' ? path[1] : 0);

  it('finds dangling references both ways, unknown setup states and duplicates', () => {
    const errors = crossCheck(
      {
        lessons: [lesson('veth', 1, { challenges: ['veth', 'vet'] }), lesson('bridge', 2), lesson('bridge', 2)],
        challenges: [challenge('veth', { lesson: 'veht' }), challenge('outbound', { lesson: 'bridge', setup: { state: 'bridge' } }), challenge('veth')],
        states: new Map(),
      },
      locate,
    );
    expect(errors.map((e) => `${e.file}:${e.line}: ${e.message}`)).toEqual([
      'lessons/02-bridge.md:110: lesson id "bridge" is already used by lessons/02-bridge.md',
      'lessons/02-bridge.md:110: order 2 is already used by lessons/02-bridge.md: give each lesson its own position',
      'challenges/veth.md:110: challenge id "veth" is already used by challenges/veth.md',
      'lessons/01-veth.md:121: no challenge "vet" (did you mean "veth"?) (challenges: outbound, veth)',
      'challenges/veth.md:110: no lesson "veht" (did you mean "veth"?) (lessons: veth, bridge)',
      'challenges/outbound.md:120: unknown start state "bridge": use "fresh" or one of states/*.sh (none)',
    ]);
  });

  it('does not call a reference to an unreadable challenge file dangling', () => {
    const errors = crossCheck({ lessons: [lesson('veth', 1, { challenges: ['veth'] })], challenges: [], states: new Map(), unreadableChallenges: ['veth'] }, locate);
    expect(errors).toEqual([]);
  });
});
