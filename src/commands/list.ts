// nslab list: the lessons in order, then the challenges, with the learner's
// progress marks when a progress file exists.
import { existsSync } from 'node:fs';
import { loadContent } from '../content/index.js';
import { progressFile, readProgress, statusOf, STATUS_MARK, type Progress } from '../ui/progress.js';
import { parseCommand } from './usage.js';

const USAGE = `usage: nslab list [--root DIR]

Lists the lessons in tutorial order and the challenges with their difficulty.
With a progress file (from the tutorial), each has a mark: ✓ done, ◐ started, · not yet.`;

export default async function list(args: string[]): Promise<number> {
  const { values } = parseCommand(args, { root: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, USAGE, { positionals: false });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const content = await loadContent(values.root);
  const file = progressFile();
  const progress = existsSync(file) ? readProgress(file).progress : undefined;
  console.log(renderList(content, progress).join('\n'));
  if (content.errors.length) console.error(`\nnslab: ${content.errors.length} content problem(s); run \`nslab validate\` to see them`);
  return 0;
}

export function renderList(
  content: { lessons: ReadonlyArray<{ id: string; title: string; summary: string }>; challenges: ReadonlyArray<{ id: string; title: string; difficulty: number }> },
  progress?: Progress,
): string[] {
  const mark = (kind: 'lesson' | 'challenge', id: string): string => (progress ? `${STATUS_MARK[statusOf(progress, kind, id)]} ` : '');
  const lines = ['Lessons'];
  if (content.lessons.length === 0) lines.push('  (none)');
  const idWidth = Math.max(0, ...content.lessons.map((l) => l.id.length), ...content.challenges.map((c) => c.id.length));
  content.lessons.forEach((l, i) => {
    lines.push(`  ${mark('lesson', l.id)}${String(i + 1).padStart(2)}. ${l.id.padEnd(idWidth)}  ${l.title}`);
    lines.push(`      ${' '.repeat(progress ? 2 : 0)}${' '.repeat(idWidth)}  ${l.summary}`);
  });
  lines.push('', 'Challenges');
  if (content.challenges.length === 0) lines.push('  (none)');
  for (const c of content.challenges) {
    const stars = '★'.repeat(c.difficulty) + '☆'.repeat(Math.max(0, 3 - c.difficulty));
    lines.push(`  ${mark('challenge', c.id)}${c.id.padEnd(idWidth)}  ${stars}  ${c.title}`);
  }
  lines.push('', 'Start with `nslab` (or `nslab learn LESSON`); try a challenge with `nslab learn`, grade scripts with `nslab grade`.');
  return lines;
}
