// Parse one challenge file: YAML front matter (the machine-readable parts,
// validated with zod) and a markdown body (the task). Every error points at
// the offending line of the file, so `nslab validate` can say file:line.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { z } from 'zod';
import type { CheckSpec } from '../check/types.js';
import { parsePlace } from '../lab/place.js';
import type { ContentError } from './index.js';
import type { Challenge } from './types.js';

type Path = (string | number)[];
interface Issue {
  path: Path;
  message: string;
  /** Point at the key of the last path element rather than its value. */
  atKey?: boolean;
}

// --- field schemas ------------------------------------------------------------

const place = z.string().refine(
  (t) => {
    try {
      parsePlace(t);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a place: use "host", a namespace name like "netns0", or @router, @internet, @client' },
);
const ipv4 = z.string().regex(/^(\d{1,3}\.){3}\d{1,3}$/, 'expected an IPv4 address like 172.18.0.10');
const cidr = z.string().regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, 'expected an address with prefix like 172.18.0.10/16');
const expect = z.enum(['ok', 'fail']).default('ok');
const listen = z.strictObject({ at: place, port: z.number().int().min(1).max(65535), address: ipv4.optional() });

/** One schema per check kind: the YAML key is the kind. */
const KIND_SCHEMAS = {
  netns: z.strictObject({ name: z.string().min(1), exists: z.boolean().optional() }),
  link: z.strictObject({
    at: place,
    name: z.string().min(1),
    exists: z.boolean().optional(),
    type: z.string().optional(),
    up: z.boolean().optional(),
    master: z.string().nullable().optional(),
    peer: z.strictObject({ name: z.string().min(1), at: place }).optional(),
  }),
  address: z.strictObject({ at: place, cidr, dev: z.string().optional(), exists: z.boolean().optional() }),
  'no-address': z.strictObject({ at: place, dev: z.string().min(1) }),
  route: z.strictObject({
    at: place,
    dst: z.union([z.literal('default'), cidr, ipv4]),
    via: ipv4.optional(),
    dev: z.string().optional(),
    exists: z.boolean().optional(),
  }),
  neighbour: z.strictObject({ at: place, address: ipv4, dev: z.string().optional(), exists: z.boolean().optional() }),
  sysctl: z.strictObject({ at: place, key: z.string().min(1), value: z.union([z.string(), z.number()]).transform(String) }),
  'iptables-policy': z.strictObject({
    at: place,
    table: z.string().optional(),
    chain: z.string().min(1),
    policy: z.enum(['ACCEPT', 'DROP']),
  }),
  'iptables-rule': z.strictObject({
    at: place,
    table: z.string().optional(),
    chain: z.string().min(1),
    rule: z.string().min(1),
    exists: z.boolean().optional(),
  }),
  ping: z.strictObject({ from: place, to: ipv4, expect }),
  tcp: z.strictObject({
    from: place,
    to: z.string().regex(/^(\d{1,3}\.){3}\d{1,3}:\d{1,5}$/, 'expected ADDRESS:PORT like 172.16.0.2:8080'),
    expect,
    listen: listen.optional(),
  }),
  http: z.strictObject({
    from: place,
    url: z.string().regex(/^https?:\/\//, 'expected a URL like http://172.16.0.2:8080/'),
    expect,
    contains: z.string().optional(),
    listen: listen.optional(),
  }),
  'source-seen': z.strictObject({ from: place, to: ipv4, source: ipv4 }),
} as const;

export const CHECK_KINDS = Object.keys(KIND_SCHEMAS) as (keyof typeof KIND_SCHEMAS)[];

const example = z.strictObject({ name: z.string().min(1), script: z.string().min(1) });

const frontMatter = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'ids are lowercase letters, digits and dashes'),
  title: z.string().min(1),
  difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)], { message: 'difficulty is 1 (easy), 2 (medium) or 3 (hard)' }),
  lesson: z.string().min(1).optional(),
  setup: z
    .strictObject({ state: z.string().regex(/^[a-z0-9-]+$/, 'a state name like "bridge", or "fresh"').default('fresh'), script: z.string().optional() })
    .default({ state: 'fresh' }),
  checks: z.array(z.unknown()).min(1, 'a challenge needs at least one check'),
  hints: z.array(z.string().min(1)).min(1, 'give at least one hint (three is best: what is wrong, where to look, how to fix)'),
  solution: z.string().min(1),
  wrong: z.array(example.extend({ fails: z.array(z.string()).min(1, 'name the checks this solution must fail') })).default([]),
  alternatives: z.array(example).default([]),
});

// --- parsing -------------------------------------------------------------------

const FENCE = /^---[ \t]*$/;

export function parseChallenge(file: string, text: string): { challenge?: Challenge; errors: ContentError[] } {
  const lines = text.split('\n');
  if (!FENCE.test(lines[0] ?? '')) {
    return { errors: [{ file, line: 1, message: 'a challenge starts with YAML front matter: a line "---", the fields, then "---"' }] };
  }
  const end = lines.findIndex((l, i) => i > 0 && FENCE.test(l));
  if (end < 0) return { errors: [{ file, line: 1, message: 'the front matter is not closed: add a line "---" after it' }] };
  // Line n of the YAML is line n+1 of the file (the opening fence comes first).
  const yamlText = lines.slice(1, end).join('\n');
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      errors: doc.errors.map((e) => ({
        file,
        line: lineCounter.linePos(e.pos[0]).line + 1,
        message: `YAML: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  const lineOf = (issue: Issue): number => 1 + lineInYaml(doc, lineCounter, issue);
  const toErrors = (issues: Issue[]): ContentError[] =>
    issues.map((i) => ({ file, line: lineOf(i), message: i.path.length ? `${pathText(i.path)}: ${i.message}` : i.message }));

  const raw: unknown = doc.toJS();
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { errors: [{ file, line: 2, message: 'the front matter must be a YAML mapping (key: value lines)' }] };
  }
  const parsed = frontMatter.safeParse(raw);
  if (!parsed.success) return { errors: toErrors(parsed.error.issues.flatMap(zodIssue)) };
  const fm = parsed.data;

  const issues: Issue[] = [];
  const checks: CheckSpec[] = [];
  fm.checks.forEach((item, i) => {
    const check = parseCheck(item, ['checks', i], issues);
    if (check) checks.push(check);
  });
  // Ids of every check that has one, valid or not, so one broken check does
  // not make each wrong solution that names it an error too.
  const ids = new Set<string>();
  fm.checks.forEach((item, i) => {
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return;
    if (ids.has(id)) issues.push({ path: ['checks', i, 'id'], message: `check id "${id}" is used twice` });
    ids.add(id);
  });
  fm.wrong.forEach((w, i) =>
    w.fails.forEach((id, j) => {
      if (!ids.has(id)) issues.push({ path: ['wrong', i, 'fails', j], message: `no check has id "${id}" (checks: ${[...ids].join(', ')})` });
    }),
  );
  const expected = file.split('/').pop()?.replace(/\.md$/, '');
  if (expected && expected !== fm.id) issues.push({ path: ['id'], message: `the id "${fm.id}" must match the file name (${expected}.md)` });
  const body = lines.slice(end + 1).join('\n').trim();
  const errors = toErrors(issues);
  if (!body) errors.push({ file, line: end + 2, message: 'the task text (after the front matter) is empty' });
  if (errors.length > 0) return { errors };

  const challenge: Challenge = {
    id: fm.id,
    title: fm.title,
    difficulty: fm.difficulty,
    ...(fm.lesson ? { lesson: fm.lesson } : {}),
    setup: { state: fm.setup.state, ...(fm.setup.script ? { script: fm.setup.script } : {}) },
    task: body,
    checks,
    hints: fm.hints,
    solution: fm.solution,
    wrong: fm.wrong,
    alternatives: fm.alternatives,
    source: { file, line: 1 },
  };
  return { challenge, errors: [] };
}

/** One check: id, title and exactly one kind key whose value is that kind's fields. */
function parseCheck(item: unknown, path: Path, issues: Issue[]): CheckSpec | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    issues.push({ path, message: 'a check is a mapping with id, title and one kind (e.g. ping: { from: netns0, to: 8.8.8.8 })' });
    return undefined;
  }
  const fields = item as Record<string, unknown>;
  let ok = true;
  for (const key of ['id', 'title'] as const) {
    if (typeof fields[key] !== 'string' || !fields[key]) {
      issues.push({ path: key in fields ? [...path, key] : path, message: `${key} is missing (a non-empty string)` });
      ok = false;
    }
  }
  if (typeof fields.id === 'string' && !/^[a-z0-9-]+$/.test(fields.id)) {
    issues.push({ path: [...path, 'id'], message: 'check ids are lowercase letters, digits and dashes' });
    ok = false;
  }
  const others = Object.keys(fields).filter((k) => k !== 'id' && k !== 'title');
  const kinds = others.filter((k): k is keyof typeof KIND_SCHEMAS => k in KIND_SCHEMAS);
  for (const k of others.filter((k) => !(k in KIND_SCHEMAS))) {
    issues.push({ path: [...path, k], atKey: true, message: `unknown check kind "${k}"${suggest(k, CHECK_KINDS)}; kinds: ${CHECK_KINDS.join(', ')}` });
    ok = false;
  }
  if (kinds.length !== 1) {
    issues.push({
      path: kinds.length > 1 ? [...path, kinds[1]!] : path,
      atKey: kinds.length > 1,
      message: kinds.length === 0 ? `the check has no kind: add one of ${CHECK_KINDS.join(', ')}` : `a check has exactly one kind, this one has ${kinds.join(' and ')}`,
    });
    return undefined;
  }
  const kind = kinds[0]!;
  const body = KIND_SCHEMAS[kind].safeParse(fields[kind] ?? {});
  if (!body.success) {
    for (const i of body.error.issues.flatMap(zodIssue)) issues.push({ ...i, path: [...path, kind, ...i.path] });
    return undefined;
  }
  if (!ok) return undefined;
  return { id: fields.id as string, title: fields.title as string, kind, ...body.data } as CheckSpec;
}

function zodIssue(issue: z.core.$ZodIssue): Issue[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => ({ path: [...path, k], atKey: true, message: `unknown field "${k}"` }));
  }
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
    const field = path[path.length - 1];
    return [{ path: path.slice(0, -1), message: `missing field "${String(field)}" (${issue.expected})` }];
  }
  return [{ path, message: issue.message.replace(/^Invalid input: /, '') }];
}

function pathText(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The 1-based YAML line of the node a path leads to (its key if asked), or of its nearest existing parent. */
function lineInYaml(doc: Document, lc: LineCounter, issue: Issue): number {
  let node: Node | null | undefined = doc.contents as Node | null;
  let line = node?.range ? lc.linePos(node.range[0]).line : 1;
  for (const [i, seg] of issue.path.entries()) {
    const last = i === issue.path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === seg);
      if (!pair) break;
      const key = pair.key as Node;
      const value = pair.value as Node | null;
      if (last && (issue.atKey || !value?.range)) {
        if (key.range) line = lc.linePos(key.range[0]).line;
        break;
      }
      node = value;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg] as Node | undefined;
    } else break;
    if (node?.range) line = lc.linePos(node.range[0]).line;
    else break;
  }
  return line;
}

/** ` (did you mean "x"?)` when a close name exists. */
export function suggest(name: string, known: readonly string[]): string {
  const best = closest(name, known);
  return best ? ` (did you mean "${best}"?)` : '';
}

export function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = distance(name.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  const prefix = known.find((k) => k.startsWith(name) || name.startsWith(k));
  if (bestDistance <= Math.max(2, Math.floor(name.length / 3))) return best;
  return prefix;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

// --- loading a directory -----------------------------------------------------

/** The seven challenges of DESIGN.md §3 come first, in this order, then the extra ones in lesson order; others follow by id. */
export const CHALLENGE_ORDER = ['netns', 'veth', 'bridge', 'route-clash', 'outbound', 'publish', 'docker-bridge', 'fix-the-net', 'two-networks'];

export function byChallengeOrder(a: { id: string }, b: { id: string }): number {
  const rank = (id: string): number => {
    const i = CHALLENGE_ORDER.indexOf(id);
    return i < 0 ? CHALLENGE_ORDER.length : i;
  };
  return rank(a.id) - rank(b.id) || a.id.localeCompare(b.id);
}

/**
 * Every `*.md` in a directory. With `statesDir`, also says which setup
 * states do not exist there (`fresh` needs no file).
 */
export async function loadChallenges(dir: string, { statesDir }: { statesDir?: string } = {}): Promise<{ challenges: Challenge[]; errors: ContentError[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.md')).sort();
  } catch (err) {
    return { challenges: [], errors: [{ file: dir, line: 0, message: `cannot read the challenges folder: ${(err as Error).message}` }] };
  }
  const states = statesDir ? new Set((await readdir(statesDir).catch(() => [] as string[])).filter((n) => n.endsWith('.sh')).map((n) => n.slice(0, -3))) : undefined;
  const challenges: Challenge[] = [];
  const errors: ContentError[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const result = parseChallenge(file, await readFile(file, 'utf8'));
    errors.push(...result.errors);
    if (!result.challenge) continue;
    const state = result.challenge.setup.state;
    if (states && state !== 'fresh' && !states.has(state)) {
      const text = await readFile(file, 'utf8');
      const line = text.split('\n').findIndex((l) => /^\s*state:/.test(l)) + 1 || 1;
      errors.push({ file, line, message: `setup state "${state}" does not exist: there is no ${statesDir}/${state}.sh${suggest(state, [...states])}` });
      continue;
    }
    challenges.push(result.challenge);
  }
  return { challenges: challenges.sort(byChallengeOrder), errors };
}
