// Start states: states/NAME.sh, a bash script that builds the lab to where a
// lesson or challenge begins. "fresh" (no file) is the empty lab.
import { basename } from 'node:path';
import type { ContentError } from './index.js';
import type { Challenge, StartState } from './types.js';
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
  // `# builds on: NAME` in the leading comments: that state is applied first.
  let base: string | undefined;
  for (let i = headerIndex + 1; i >= 1 && i < lines.length && /^#/.test(lines[i]!); i++) {
    const m = /^#\s*builds on:\s*(\S+)\s*$/.exec(lines[i]!);
    if (m) base = m[1];
  }
  return {
    state: { name, script: text, ...(description ? { description } : {}), ...(base ? { base } : {}), source: { file, line: 1 } },
    errors,
  };
}

export class StateChainError extends Error {
  override name = 'StateChainError';
}

/**
 * The whole bash that builds a state: the states it builds on first, each in
 * its own subshell with `set -e` (a `cd` or `exit` in one stays there).
 */
export function stateScript(states: ReadonlyMap<string, StartState>, name: string): string {
  return stateChain(states, name)
    .map((s) => subshell(`state ${s.name}`, s.script))
    .join('\n');
}

/** The whole bash that brings a fresh lab to a challenge's start: its state, then its own setup. */
export function challengeStartScript(states: ReadonlyMap<string, StartState>, challenge: Challenge): string {
  const parts = [stateScript(states, challenge.setup.state)];
  if (challenge.setup.script) parts.push(subshell(`setup of challenge ${challenge.id}`, challenge.setup.script));
  return parts.filter(Boolean).join('\n');
}

// Not `( … ) || exit`: bash ignores set -e inside a subshell whose status is tested.
function subshell(label: string, script: string): string {
  return `( # ${label}\nset -e\n${script}\n)\nstatus=$?; [ $status = 0 ] || exit $status`;
}

/** The states to apply, base first; "fresh" is none. */
export function stateChain(states: ReadonlyMap<string, StartState>, name: string): StartState[] {
  const chain: StartState[] = [];
  const seen: string[] = [];
  for (let current: string | undefined = name; current && current !== FRESH; ) {
    if (seen.includes(current)) throw new StateChainError(`start states build on each other in a circle: ${[...seen, current].join(' → ')}`);
    seen.push(current);
    const state = states.get(current);
    if (!state) {
      const from = seen.length > 1 ? ` (state "${seen[seen.length - 2]}" builds on it)` : '';
      throw new StateChainError(`unknown start state "${current}"${from}; states: ${[...states.keys()].sort().join(', ') || 'none'}`);
    }
    chain.unshift(state);
    current = state.base;
  }
  return chain;
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
