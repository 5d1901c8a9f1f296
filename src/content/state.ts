// Start states: states/NAME.sh, a bash script that builds the lab to where a
// lesson or challenge begins. "fresh" (no file) is the empty lab.
import { basename } from 'node:path';
import type { ContentError } from './index.js';
import type { StartState } from './types.js';
import { CONTENT_ID } from './lesson.js';
import { splitLines } from './frontmatter.js';

export const FRESH = 'fresh';

export function parseState(file: string, text: string): { state?: StartState; errors: ContentError[] } {
  const name = basename(file).replace(/\.sh$/, '');
  if (name === FRESH) return { errors: [{ file, line: 1, message: '"fresh" is the empty lab and needs no file: remove states/fresh.sh' }] };
  if (!CONTENT_ID.test(name)) return { errors: [{ file, line: 1, message: `"${name}" is not a valid state name: use lowercase letters, digits and "-"` }] };
  const lines = splitLines(text);
  const headerIndex = lines.findIndex((l, i) => !(i === 0 && l.startsWith('#!')) && l.trim() !== '');
  const header = headerIndex >= 0 ? lines[headerIndex]! : '';
  const errors: ContentError[] = [];
  if (!/^#\s*\S/.test(header)) {
    errors.push({ file, line: headerIndex >= 0 ? headerIndex + 1 : 1, message: 'start the state with a comment line saying what state it builds, e.g. "# netns0 with its loopback up"' });
  }
  const description = header.replace(/^#\s*/, '').trim();
  return { state: { name, script: text, ...(description ? { description } : {}), source: { file, line: 1 } }, errors };
}

/**
 * The learner namespaces a script creates, as far as we can tell by reading
 * it: `ip netns add NAME`. A name built from a variable makes the set open.
 */
export function namespacesCreated(script: string): { names: Set<string>; open: boolean } {
  const names = new Set<string>();
  let open = false;
  const re = /\bip\s+(?:-\S+\s+)*netns\s+add\s+(\S+)/g;
  for (const m of script.matchAll(re)) {
    const name = m[1]!.replace(/^["']|["';]+$/g, '');
    if (/^[A-Za-z0-9_.-]+$/.test(name)) names.add(name);
    else open = true;
  }
  return { names, open };
}
