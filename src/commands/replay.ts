// nslab replay LESSON...|--all: prove lessons work. Each lesson runs in a
// fresh lab from its start state, step by step; a progress line per step, then
// a report of the first step that diverged.
import { formatError, loadContent, type ContentError, type ContentIndex } from '../content/index.js';
import { didYouMean, listOf } from '../content/names.js';
import type { Lesson } from '../content/types.js';
import { replayLessons, type LessonReport, type ReplayEvent } from '../replay/replay.js';
import { parseCommand, positiveInt, UsageError } from './usage.js';
import { displayPath } from './validate.js';

const USAGE = `usage: nslab replay LESSON... | --all [--format text|json] [--jobs N]

Runs every step of a lesson in a fresh lab, from the lesson's start state,
and checks that each does what the lesson says (exit status, output).
  --all            every lesson, each in its own lab
  --format FORMAT  text (default) or json (the report on stdout, progress on stderr)
  --jobs N         lessons replayed at once (default 2)
  --root DIR       content folder holding lessons/ and states/ (default: nslab's own)
Exit status: 0 every step as expected, 1 a step diverged, 2 bad arguments or content errors.`;

export default async function replay(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      all: { type: 'boolean' },
      format: { type: 'string', default: 'text' },
      jobs: { type: 'string' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const format = values.format;
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got "${format}"`, USAGE);
  if (values.all && positionals.length) throw new UsageError('give lesson ids or --all, not both', USAGE);
  if (!values.all && positionals.length === 0) throw new UsageError('which lesson? Give its id, or --all', USAGE);
  const jobs = positiveInt(values.jobs, '--jobs', USAGE, 2);

  const content = await loadContent(values.root);
  const lessons = values.all ? content.lessons : selectLessons(content, positionals);
  if (typeof lessons === 'string') {
    console.error(`nslab: ${lessons}`);
    return 2;
  }
  if (lessons.length === 0) {
    console.error('nslab: there are no lessons to replay (lessons/ is empty)');
    return 2;
  }
  const blocking = relevantErrors(content, lessons, values.all === true);
  if (blocking.length) {
    for (const e of blocking) console.error(formatError(e, displayPath));
    console.error(`nslab: fix the content problems above before replaying (nslab validate lists them all)`);
    return 2;
  }

  const log = format === 'json' ? (line: string) => process.stderr.write(line + '\n') : (line: string) => process.stdout.write(line + '\n');
  const many = lessons.length > 1 && jobs > 1;
  const reports = await replayLessons(lessons, content, { jobs, onEvent: (e) => log(progressLine(e, many)) });

  if (format === 'json') {
    const passed = reports.every((r) => r.passed);
    const shown = reports.map((r) => ({
      ...r,
      file: displayPath(r.file),
      steps: r.steps.map((st) => ({ ...st, file: displayPath(st.file) })),
      ...(r.diverged ? { diverged: { ...r.diverged, file: displayPath(r.diverged.file) } } : {}),
    }));
    process.stdout.write(JSON.stringify({ passed, lessons: shown }, null, 2) + '\n');
  } else {
    for (const r of reports) if (r.diverged) log(divergenceText(r));
    log(summaryText(reports));
  }
  return reports.every((r) => r.passed) ? 0 : 1;
}

/** Lessons by id, or a message naming the unknown one (with a guess). */
export function selectLessons(content: Pick<ContentIndex, 'lessons' | 'challenges' | 'errors'>, ids: string[]): Lesson[] | string {
  const out: Lesson[] = [];
  const known = content.lessons.map((l) => l.id);
  for (const id of ids) {
    const lesson = content.lessons.find((l) => l.id === id);
    if (lesson) {
      out.push(lesson);
      continue;
    }
    const broken = content.errors.some((e) => e.file.replace(/^.*\//, '').replace(/^\d+-/, '') === `${id}.md` && /lessons/.test(e.file));
    if (broken) return `lesson "${id}" has content problems and could not be loaded: run \`nslab validate\``;
    const isChallenge = content.challenges.some((c) => c.id === id);
    const hint = isChallenge ? ` ("${id}" is a challenge: replay proves lessons; grade a solution with \`nslab grade ${id} SOLUTION.sh\`)` : didYouMean(id, known);
    return `no lesson "${id}"${hint}\n  lessons: ${listOf(known)}`;
  }
  return out;
}

/** Content errors that make replaying these lessons meaningless. */
export function relevantErrors(content: Pick<ContentIndex, 'errors' | 'states'>, lessons: readonly Lesson[], all: boolean): ContentError[] {
  const files = new Set<string>();
  for (const l of lessons) {
    files.add(l.source.file);
    const state = content.states.get(l.start);
    if (state) files.add(state.source.file);
  }
  return content.errors.filter((e) => files.has(e.file) || (all && /(^|\/)(lessons|states)\//.test(e.file)));
}

export function progressLine(e: ReplayEvent, prefix: boolean): string {
  const tag = prefix ? `[${e.lesson.id}] ` : '';
  if (e.kind === 'lesson-start') return `${tag}replaying lesson "${e.lesson.id}" (${e.lesson.steps.length} steps, from ${e.lesson.start === 'fresh' ? 'a fresh lab' : `state "${e.lesson.start}"`})`;
  if (e.kind === 'step') {
    const s = e.step;
    return `${tag}  ${s.passed ? '✓' : '✗'} ${String(s.index).padStart(2)} ${s.id.padEnd(18)} at ${s.at.padEnd(8)} ${String(s.durationMs).padStart(5)} ms  ${displayPath(s.file)}:${s.line}`;
  }
  const r = e.report;
  if (r.passed) return `${tag}✓ lesson "${r.lesson}": all ${r.steps.length} steps as expected (${(r.durationMs / 1000).toFixed(1)} s)`;
  return `${tag}✗ lesson "${r.lesson}" diverged at ${r.diverged?.step === 'start-state' ? 'its start state' : `step "${r.diverged?.step}"`}`;
}

export function divergenceText(r: LessonReport): string {
  const d = r.diverged!;
  const what = d.step === 'start-state' ? `its start state "${r.start}"` : `step "${d.step}"`;
  const command = d.command.split('\n').map((l) => `      ${l}`).join('\n');
  return [
    '',
    `✗ lesson "${r.lesson}" (${r.title}) diverged at ${what}`,
    `    where:    ${displayPath(d.file)}:${d.line}`,
    `    ran at:   ${d.at}`,
    `    command:`,
    command,
    `    ${d.detail.replace(/\n/g, '\n    ')}`,
    r.notRun ? `    (${r.notRun} later step(s) not run)` : '',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

export function summaryText(reports: readonly LessonReport[]): string {
  const failed = reports.filter((r) => !r.passed);
  const steps = reports.reduce((n, r) => n + r.steps.length, 0);
  const head = failed.length ? `✗ ${failed.length} of ${reports.length} lesson(s) diverged: ${failed.map((r) => r.lesson).join(', ')}` : `✓ ${reports.length} lesson(s) replayed, every step as expected`;
  return `\n${head} (${steps} steps run)`;
}
