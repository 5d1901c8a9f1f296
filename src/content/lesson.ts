// Parse one lesson file (docs/CONTENT.md): YAML front matter, then markdown
// whose `sh step` fences are the runnable steps. Pure: text in, lesson and
// file:line errors out.
import { basename } from 'node:path';
import MarkdownIt from 'markdown-it';
import { z } from 'zod';
import type { ContentError } from './index.js';
import type { Lesson, Step } from './types.js';
import { parseFrontMatter, splitFrontMatter, splitLines, validateFrontMatter } from './frontmatter.js';
import { isStepInfo, looksLikeForgottenStep, parseStepAttributes } from './step.js';

export const CONTENT_ID = /^[a-z0-9][a-z0-9-]*$/;
const idField = z.string().regex(CONTENT_ID, 'use lowercase letters, digits and "-"');

export const LessonFrontMatter = z.strictObject({
  id: idField,
  title: z.string().trim().min(1, 'give the lesson a title'),
  summary: z.string().trim().min(1, 'give a one-sentence summary for the lesson list'),
  order: z.number().finite(),
  start: idField,
  challenges: z.array(idField).default([]),
});

const markdown = new MarkdownIt();

export function parseLesson(file: string, text: string): { lesson?: Lesson; errors: ContentError[] } {
  const split = splitFrontMatter(file, text);
  if ('message' in split) return { errors: [split] };
  const fm = parseFrontMatter(file, split);
  const { value: meta, errors } = validateFrontMatter(file, fm, LessonFrontMatter);
  if (!meta) return { errors };

  const named = /^\d+-(.+)\.md$/.exec(basename(file));
  if (named && named[1] !== meta.id) {
    errors.push({ file, line: fm.lineOf(['id']), message: `the id "${meta.id}" does not match the file name: rename the file to …-${meta.id}.md or set id: ${named[1]}` });
  }

  const { steps, errors: stepErrors } = findSteps(file, split.body, split.bodyLine);
  errors.push(...stepErrors);
  if (steps.length === 0 && stepErrors.length === 0) {
    errors.push({ file, line: 1, message: 'the lesson has no runnable steps: add at least one ```sh step block' });
  }
  const lesson: Lesson = {
    id: meta.id,
    title: meta.title.trim(),
    summary: meta.summary.trim(),
    order: meta.order,
    start: meta.start,
    challenges: meta.challenges,
    body: split.body,
    bodyLine: split.bodyLine,
    steps,
    source: { file, line: 1 },
  };
  return { lesson, errors };
}

/** The runnable steps of a markdown body; `firstLine` is the body's line in the file. */
export function findSteps(file: string, body: string, firstLine: number): { steps: Step[]; errors: ContentError[] } {
  const lines = splitLines(body);
  const steps: Step[] = [];
  const errors: ContentError[] = [];
  const ids = new Map<string, number>();
  let fences = 0;
  for (const token of markdown.parse(body, {})) {
    if (token.type !== 'fence' || !token.map) continue;
    const line = firstLine + token.map[0];
    if (!isClosed(lines, token.map, token.markup)) {
      errors.push({ file, line, message: `this ${token.markup} block is never closed: end it with a line ${token.markup}` });
    }
    const info = token.info.trim();
    if (!isStepInfo(info)) {
      if (looksLikeForgottenStep(info)) {
        errors.push({ file, line, message: `"${info}" has step attributes but is not a step: write \`sh step ${info.replace(/^sh\s+/, '')}\` (or drop the attributes)` });
      }
      continue;
    }
    const index = ++fences;
    const { attributes, errors: problems } = parseStepAttributes(info.replace(/^sh\s+step\b/, ''));
    const command = token.content.replace(/\n$/, '');
    if (command.trim() === '') problems.push('the step has no command');
    if (!attributes || problems.length) {
      for (const message of problems) errors.push({ file, line, message });
      continue;
    }
    const id = attributes.id ?? `step-${index}`;
    const previous = ids.get(id);
    if (previous !== undefined) {
      errors.push({ file, line, message: `step id "${id}" is already used by the step at line ${previous}` });
      continue;
    }
    ids.set(id, line);
    const step: Step = {
      id,
      index,
      at: attributes.at,
      command,
      expect: { kind: attributes.expect },
      timeoutMs: attributes.timeoutMs,
      source: { file, line },
    };
    if (attributes.match) step.match = attributes.match;
    if (attributes.matchText !== undefined) step.matchText = attributes.matchText;
    if (attributes.background) step.background = attributes.ready ? { ready: attributes.ready } : {};
    steps.push(step);
  }
  return { steps, errors };
}

/** markdown-it runs an unclosed fence to the end of the document: catch that. */
function isClosed(lines: string[], map: [number, number], markup: string): boolean {
  const last = lines[map[1] - 1];
  if (map[1] - 1 <= map[0] || last === undefined) return false;
  const fence = last.trim();
  return fence.startsWith(markup) && new RegExp(`^\\${markup[0]}+$`).test(fence);
}
