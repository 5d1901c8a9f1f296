// Load all content: lessons/, challenges/, states/ under a root (the package
// root by default), parse every file, cross-check references, and collect
// every problem as a file:line error. Never throws for bad content: a file
// that cannot be read or parsed becomes an error, the rest still loads.
import { PACKAGE_ROOT } from '../package-root.js';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Challenge, Lesson, StartState } from './types.js';
import { parseChallenge } from './challenge.js';
import { crossCheck } from './crosscheck.js';
import { parseFrontMatter, splitFrontMatter } from './frontmatter.js';
import { parseLesson } from './lesson.js';
import { parseState } from './state.js';

export interface ContentError {
  file: string;
  line: number;
  message: string;
}

export interface ContentIndex {
  lessons: Lesson[]; // sorted by order
  challenges: Challenge[]; // in DESIGN.md §3 order, then by id
  states: Map<string, StartState>;
  errors: ContentError[];
}

/** Content files larger than this are refused unread. */
export const MAX_CONTENT_BYTES = 1024 * 1024;

/** The seven challenges of DESIGN.md §3 in its order, then the extra ones in lesson order; others follow by id. */
export const CHALLENGE_ORDER = ['netns', 'veth', 'bridge', 'route-clash', 'outbound', 'publish', 'docker-bridge', 'fix-the-net', 'two-networks'];

export { PACKAGE_ROOT };

/** root defaults to the package root (where lessons/, challenges/, states/ live). */
export async function loadContent(root: string = PACKAGE_ROOT): Promise<ContentIndex> {
  const errors: ContentError[] = [];
  const texts = new Map<string, string>();
  const read = async (dir: string, ext: string): Promise<Array<{ file: string; text: string }>> => {
    const files = await listFiles(join(root, dir), ext);
    const loaded = await Promise.all(files.map((file) => readContentFile(file)));
    const out: Array<{ file: string; text: string }> = [];
    for (const r of loaded) {
      if ('message' in r) errors.push(r);
      else {
        texts.set(r.file, r.text);
        out.push(r);
      }
    }
    return out;
  };
  const [lessonFiles, challengeFiles, stateFiles] = await Promise.all([read('lessons', '.md'), read('challenges', '.md'), read('states', '.sh')]);

  const states = parseStates(stateFiles, errors);

  const lessons: Lesson[] = [];
  for (const { file, text } of lessonFiles) {
    const r = parseLesson(file, text);
    errors.push(...r.errors);
    if (r.lesson) lessons.push(r.lesson);
  }
  lessons.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));

  const challenges: Challenge[] = [];
  const unreadableChallenges: string[] = [];
  for (const { file, text } of challengeFiles) {
    const r = parseChallengeSafely(file, text);
    errors.push(...r.errors);
    if (r.challenge) challenges.push(r.challenge);
    else unreadableChallenges.push(file.replace(/^.*\//, '').replace(/\.md$/, ''));
  }
  challenges.sort(byChallengeOrder);

  const lineFinders = new Map<string, (path: readonly PropertyKey[]) => number>();
  const locate = (file: string, path: readonly PropertyKey[]): number => {
    let finder = lineFinders.get(file);
    if (!finder) {
      const split = splitFrontMatter(file, texts.get(file) ?? '');
      finder = 'message' in split ? () => 1 : parseFrontMatter(file, split).lineOf;
      lineFinders.set(file, finder);
    }
    return finder(path);
  };
  errors.push(...crossCheck({ lessons, challenges, states, unreadableChallenges }, locate));
  return { lessons, challenges, states, errors: sortErrors(errors) };
}

function parseStates(files: Array<{ file: string; text: string }>, errors: ContentError[]): Map<string, StartState> {
  const states = new Map<string, StartState>();
  for (const { file, text } of files) {
    const r = parseState(file, text);
    errors.push(...r.errors);
    if (r.state) states.set(r.state.name, r.state);
  }
  return states;
}

/** Only the start states of a directory (for grading, which needs no lessons). */
export async function loadStates(dir: string): Promise<{ states: Map<string, StartState>; errors: ContentError[] }> {
  const errors: ContentError[] = [];
  const files: Array<{ file: string; text: string }> = [];
  for (const r of await Promise.all((await listFiles(dir, '.sh')).map((file) => readContentFile(file)))) {
    if ('message' in r) errors.push(r);
    else files.push(r);
  }
  return { states: parseStates(files, errors), errors };
}

export function byChallengeOrder(a: Challenge, b: Challenge): number {
  const rank = (c: Challenge): number => {
    const i = CHALLENGE_ORDER.indexOf(c.id);
    return i < 0 ? CHALLENGE_ORDER.length : i;
  };
  return rank(a) - rank(b) || a.id.localeCompare(b.id);
}

export function sortErrors(errors: ContentError[]): ContentError[] {
  return [...errors].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** `file:line: message`, the form editors and terminals understand. */
export function formatError(e: ContentError, displayFile: (f: string) => string = (f) => f): string {
  return `${displayFile(e.file)}:${e.line}: ${e.message}`;
}

async function listFiles(dir: string, ext: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(ext) && !/^readme\.md$/i.test(e.name) && !e.name.startsWith('.'))
    .map((e) => join(dir, e.name))
    .sort();
}

/** Read one content file, refusing huge ones before reading them. */
export async function readContentFile(file: string): Promise<{ file: string; text: string } | ContentError> {
  try {
    const { size } = await stat(file);
    if (size > MAX_CONTENT_BYTES) {
      return { file, line: 1, message: `the file is ${(size / 1024 / 1024).toFixed(1)} MiB; content files must be at most 1 MiB (is it really a lesson?)` };
    }
    return { file, text: await readFile(file, 'utf8') };
  } catch (err) {
    return { file, line: 1, message: `cannot read the file: ${(err as Error).message}` };
  }
}

function parseChallengeSafely(file: string, text: string): { challenge?: Challenge; errors: ContentError[] } {
  try {
    return parseChallenge(file, text);
  } catch (err) {
    return { errors: [{ file, line: 1, message: `the challenge could not be read: ${(err as Error).message}` }] };
  }
}
