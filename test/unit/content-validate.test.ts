import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import validate from '../../src/commands/validate.js';
import { UsageError } from '../../src/commands/usage.js';
import { parseBashErrors, syntaxErrors } from '../../src/content/syntax.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/content');

describe('shell syntax of steps and states', () => {
  it('reports the file line of a syntax error inside a script', async () => {
    const errors = await syntaxErrors([
      { file: 'a.md', line: 20, text: 'echo fine\nif true; then echo (; fi' },
      { file: 'b.md', line: 5, text: 'for x in a; do\n  echo $x' },
      { file: 'c.md', line: 1, text: 'ip link | grep -c veth' },
    ]);
    expect(errors).toEqual([
      { file: 'a.md', line: 21, message: "shell syntax: syntax error near unexpected token `;'" },
      { file: 'b.md', line: 6, message: 'shell syntax: syntax error: unexpected end of file' },
    ]);
  });

  it('keeps the message, not the echoed line', () => {
    expect(parseBashErrors("bash: -c: line 3: syntax error near unexpected token `fi'\nbash: -c: line 3: `fi fi'\n")).toEqual([
      { line: 3, message: "syntax error near unexpected token `fi'" },
    ]);
  });
});

describe('nslab validate', () => {
  afterEach(() => vi.restoreAllMocks());
  const capture = (): string[] => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((m) => void lines.push(String(m)));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    return lines;
  };

  it('prints file:line: message for every problem and exits 1', async () => {
    const lines = capture();
    expect(await validate([join(FIXTURES, 'broken')])).toBe(1);
    const at = lines.map((l) => l.replace(/^.*test\/fixtures\/content\/broken\//, '').replace(/: .*$/, ''));
    expect(at).toEqual([
      'lessons/01-no-front-matter.md:1', 'lessons/02-bad-yaml.md:3', 'lessons/03-missing-id.md:1', 'lessons/04-unknown-field.md:7',
      'lessons/05-bad-attribute.md:15', 'lessons/05-bad-attribute.md:23', 'lessons/06-bad-regex.md:9', 'lessons/07-unterminated.md:13',
      'lessons/09-dup.md:2', 'lessons/10-unknown-state.md:6', 'lessons/11-dangling.md:8', 'lessons/11-dangling.md:9', 'lessons/12-empty.md:1',
      'lessons/13-unknown-namespace.md:13', 'lessons/14-duplicate-step.md:13', 'lessons/15-bad-order.md:5', 'lessons/16-forgot-step.md:9',
      'states/noheader.sh:1',
    ]);
  });

  it('checks only the files asked for, against their whole content root', async () => {
    const lines = capture();
    expect(await validate([join(FIXTURES, 'broken/lessons/10-unknown-state.md'), join(FIXTURES, 'broken/states')])).toBe(1);
    expect(lines.map((l) => l.replace(/^.*broken\//, ''))).toEqual([
      'lessons/10-unknown-state.md:6: unknown start state "bridg": use "fresh" or one of states/*.sh (noheader)',
      'states/noheader.sh:1: start the state with a comment line saying what state it builds, e.g. "# netns0 with its loopback up"',
    ]);
  });

  it('exits 0 on clean content', async () => {
    const lines = capture();
    expect(await validate([join(FIXTURES, 'good'), join(FIXTURES, 'diverge/lessons')])).toBe(0);
    expect(lines).toEqual([]);
  });

  it('refuses paths that are not content', async () => {
    await expect(validate([join(FIXTURES, 'nowhere')])).rejects.toThrow(UsageError);
    await expect(validate([import.meta.filename])).rejects.toThrow(/not in a lessons\/, challenges\/ or states\/ folder/);
    await expect(validate(['--strict'])).rejects.toThrow(UsageError);
  });
});
