// Find the challenge a command names: an id from challenges/, or a path to a
// challenge file (a course's own). Problems come back as printable text.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { closest, loadChallenges, parseChallenge } from '../content/challenge.js';
import type { ContentError } from '../content/index.js';
import type { Challenge } from '../content/types.js';
import { PACKAGE_ROOT } from '../lab/paths.js';
import { STATES_DIR } from './setup.js';

export const CHALLENGES_DIR = join(PACKAGE_ROOT, 'challenges');

export async function findChallenge(name: string, dir = CHALLENGES_DIR): Promise<{ challenge?: Challenge; problem?: string }> {
  const show = (errors: ContentError[]): string => errors.map((e) => `${e.file}:${e.line}: ${e.message}`).join('\n');
  if (name.endsWith('.md')) {
    let text: string;
    try {
      text = await readFile(name, 'utf8');
    } catch {
      return { problem: `nslab: challenge file ${name} not found` };
    }
    const parsed = parseChallenge(resolve(name), text);
    if (!parsed.challenge) return { problem: `nslab: ${name} is not a valid challenge:\n${show(parsed.errors)}` };
    return { challenge: parsed.challenge };
  }
  const { challenges, errors } = await loadChallenges(dir, { statesDir: STATES_DIR });
  const challenge = challenges.find((c) => c.id === name);
  if (challenge) return { challenge };
  const own = errors.filter((e) => e.file.endsWith(`/${name}.md`));
  if (own.length > 0) return { problem: `nslab: challenge "${name}" has errors:\n${show(own)}\n  → fix them (nslab validate lists all)` };
  const guess = closest(name, challenges.map((c) => c.id));
  return {
    problem:
      `nslab: unknown challenge "${name}".${guess ? ` Did you mean "${guess}"?` : ''}\n` +
      `  challenges: ${challenges.map((c) => c.id).join(', ') || '(none found in ' + dir + ')'}`,
  };
}
