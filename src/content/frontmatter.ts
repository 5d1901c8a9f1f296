// YAML front matter: split it off a markdown file, parse it, validate it with
// a zod schema, and turn every problem into a file:line error that points at
// the offending line inside the front matter (not just at the file).
// Shared by lessons and challenges.
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { ContentError } from './index.js';

export interface FrontMatterSplit {
  /** The YAML text between the fences. */
  yaml: string;
  /** File line (1-based) of the YAML's first line. */
  yamlLine: number;
  /** The markdown after the closing fence. */
  body: string;
  /** File line (1-based) of the body's first line. */
  bodyLine: number;
}

/** Lines of a text file, whatever its line endings. */
export function splitLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

export function splitFrontMatter(file: string, text: string): FrontMatterSplit | ContentError {
  const lines = splitLines(text.replace(/^\uFEFF/, ''));
  if (lines[0]?.trimEnd() !== '---') {
    return { file, line: 1, message: 'the file must start with YAML front matter: a line "---", the fields, then "---"' };
  }
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (end < 0) {
    return { file, line: 1, message: 'the front matter opened here is never closed: add a line "---" after its last field' };
  }
  return {
    yaml: lines.slice(1, end).join('\n'),
    yamlLine: 2,
    body: lines.slice(end + 1).join('\n'),
    bodyLine: end + 2,
  };
}

export interface ParsedFrontMatter {
  data: unknown;
  /** File line of a value (or of its key) at a path; the opening fence when absent. */
  lineOf(path: readonly PropertyKey[]): number;
  errors: ContentError[];
}

export function parseFrontMatter(file: string, split: FrontMatterSplit): ParsedFrontMatter {
  const counter = new LineCounter();
  const doc = parseDocument(split.yaml, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const toFileLine = (offset: number): number => counter.linePos(offset).line + split.yamlLine - 1;
  const yamlLines = split.yaml.split('\n');
  const errors: ContentError[] = [...doc.errors, ...doc.warnings].map((e) => ({
    file,
    line: openerLine(yamlLines, e.message, counter.linePos(e.pos[0]).line) + split.yamlLine - 1,
    message: `front matter is not valid YAML: ${firstLine(e.message).replace(/ at line \d+, column \d+:?$/, '')}`,
  }));
  return {
    data: errors.length ? undefined : doc.toJS(),
    lineOf: (path) => lineInDocument(doc, path, toFileLine) ?? split.yamlLine - 1,
    errors,
  };
}

function lineInDocument(doc: Document, path: readonly PropertyKey[], toFileLine: (o: number) => number): number | undefined {
  if (path.length === 0) return undefined;
  // A key is the best place to point at: its value may be a list on later lines.
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1) as unknown[], true);
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1]);
    if (pair && isScalar(pair.key) && pair.key.range) return toFileLine(pair.key.range[0]);
  }
  const node = doc.getIn(path as unknown[], true) as { range?: [number, number, number] } | undefined;
  if (node?.range) return toFileLine(node.range[0]);
  // Not there (a missing field): point at the nearest thing that is.
  return lineInDocument(doc, path.slice(0, -1), toFileLine);
}

/** The line of a key (not its value) in a map at `path`. */
function keyLine(doc: ParsedFrontMatter, path: readonly PropertyKey[], key: string): number {
  return doc.lineOf([...path, key]);
}

/** Validate parsed front matter; every issue becomes an error at its line. */
export function validateFrontMatter<S extends z.ZodType>(
  file: string,
  fm: ParsedFrontMatter,
  schema: S,
): { value?: z.infer<S>; errors: ContentError[] } {
  if (fm.errors.length) return { errors: fm.errors };
  if (fm.data === null || typeof fm.data !== 'object' || Array.isArray(fm.data)) {
    return { errors: [{ file, line: fm.lineOf([]), message: 'the front matter must be a set of "field: value" lines' }] };
  }
  const result = schema.safeParse(fm.data);
  if (result.success) return { value: result.data, errors: [] };
  const errors: ContentError[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        errors.push({ file, line: keyLine(fm, issue.path, key), message: `unknown field "${fieldName([...issue.path, key])}"` });
      }
      continue;
    }
    const value = valueAt(fm.data, issue.path);
    const name = fieldName(issue.path);
    const message =
      value === undefined
        ? `missing field "${name}"`
        : issue.code === 'invalid_type'
          ? `"${name}" must be ${article(issue.expected)}, got ${describe(value)}`
          : `"${name}": ${issue.message}`;
    errors.push({ file, line: fm.lineOf(issue.path), message });
  }
  return { errors: errors.sort((a, b) => a.line - b.line) };
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || '(front matter)';
}

function article(expected: string): string {
  if (expected === 'array') return 'a list';
  if (expected === 'object') return 'a set of fields';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function describe(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a set of fields';
  if (typeof value === 'string') return JSON.stringify(value);
  return `${typeof value} ${String(value)}`;
}

/**
 * YAML notices an unclosed [ or { only where the next field starts; the
 * mistake is on the line that opened it, so point there.
 */
function openerLine(lines: string[], message: string, line: number): number {
  const closer = /end with a ([\]}])/.exec(message)?.[1];
  if (!closer) return line;
  const opener = closer === ']' ? '[' : '{';
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (l.split(opener).length > l.split(closer).length) return i + 1;
  }
  return line;
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}
