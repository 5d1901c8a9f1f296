// nslab validate [PATH...]: lint lessons, challenges and states. All content
// by default; or the given files and folders, each checked against the content
// root it belongs to (so references to other files still resolve).
import { stat } from 'node:fs/promises';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { formatError, loadContent, PACKAGE_ROOT, sortErrors, type ContentError } from '../content/index.js';
import { syntaxErrors, type Script } from '../content/syntax.js';
import { parseCommand, UsageError } from './usage.js';

const USAGE = `usage: nslab validate [PATH...]

Checks lesson, challenge and state files (front matter, step attributes,
references between files, shell syntax of steps and states) and prints one
"file:line: message" per problem. Without PATH, all of lessons/, challenges/ and states/.
PATH may be a content file, one of those folders, or a folder holding them.
Exit status: 0 no problems, 1 problems found, 2 bad arguments.`;

const CONTENT_DIRS = ['lessons', 'challenges', 'states'];

export default async function validate(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, { help: { type: 'boolean', short: 'h' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const targets = positionals.length ? await Promise.all(positionals.map(resolveTarget)) : [{ root: PACKAGE_ROOT, only: undefined }];
  const byRoot = new Map<string, Array<string | undefined>>();
  for (const t of targets) byRoot.set(t.root, [...(byRoot.get(t.root) ?? []), t.only]);

  const errors: ContentError[] = [];
  let lessons = 0;
  let challenges = 0;
  let states = 0;
  for (const [root, onlies] of byRoot) {
    const content = await loadContent(root);
    const wanted = (file: string): boolean => onlies.some((only) => only === undefined || file === only || file.startsWith(only + sep));
    const scripts: Script[] = [
      ...[...content.states.values()].map((st) => ({ file: st.source.file, line: 1, text: st.script })),
      ...content.lessons.flatMap((l) => l.steps.map((step) => ({ file: step.source.file, line: step.source.line + 1, text: step.command }))),
    ].filter((sc) => wanted(resolve(sc.file)));
    const found = [...content.errors, ...(await syntaxErrors(scripts))];
    errors.push(...sortErrors(found.filter((e) => wanted(resolve(e.file)))));
    lessons += content.lessons.filter((l) => wanted(resolve(l.source.file))).length;
    challenges += content.challenges.filter((c) => wanted(resolve(c.source.file))).length;
    states += [...content.states.values()].filter((s) => wanted(resolve(s.source.file))).length;
  }
  for (const e of errors) console.log(formatError(e, displayPath));
  const files = new Set(errors.map((e) => e.file)).size;
  const counted = `${lessons} lesson(s), ${challenges} challenge(s), ${states} state(s)`;
  if (errors.length) {
    console.error(`\n${errors.length} problem(s) in ${files} file(s) (${counted} loaded)`);
    return 1;
  }
  console.error(`ok: ${counted}, no problems`);
  return 0;
}

/** Which content root a path belongs to, and which part of it to report on. */
async function resolveTarget(path: string): Promise<{ root: string; only?: string }> {
  const full = resolve(path);
  let info;
  try {
    info = await stat(full);
  } catch {
    throw new UsageError(`"${path}" does not exist`, USAGE);
  }
  if (info.isDirectory()) {
    if (CONTENT_DIRS.includes(basename(full))) return { root: dirname(full), only: full };
    for (const d of CONTENT_DIRS) {
      if (await stat(resolve(full, d)).then((s) => s.isDirectory(), () => false)) return { root: full, only: full };
    }
    throw new UsageError(`"${path}" holds no lessons/, challenges/ or states/ folder and is not one of them`, USAGE);
  }
  const parent = dirname(full);
  if (CONTENT_DIRS.includes(basename(parent))) return { root: dirname(parent), only: full };
  throw new UsageError(`"${path}" is not in a lessons/, challenges/ or states/ folder, so it cannot be checked`, USAGE);
}

/** Paths as short as they can be: relative to where the user is. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..' + sep) && rel !== '..' ? rel : file;
}
