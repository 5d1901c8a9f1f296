// Replay lessons: each in a fresh lab, its start state, then every step in
// order, stopping at the first step that does not do what the lesson says.
// The result is a structured report; printing it is the command's business.
import { Lab } from '../lab/lab.js';
import type { ContentIndex } from '../content/index.js';
import type { Lesson } from '../content/types.js';
import { applyState, StateError } from './prepare.js';
import { runStep } from './steps.js';

export interface StepReport {
  id: string;
  index: number;
  at: string;
  file: string;
  line: number;
  command: string;
  passed: boolean;
  durationMs: number;
  /** Expected vs got, when it did not pass. */
  detail?: string;
}

export interface Divergence {
  lesson: string;
  /** The step id, or "start-state" when the start state itself failed. */
  step: string;
  file: string;
  line: number;
  at: string;
  command: string;
  detail: string;
}

export interface LessonReport {
  lesson: string;
  title: string;
  file: string;
  start: string;
  passed: boolean;
  durationMs: number;
  steps: StepReport[];
  /** Steps never run because an earlier one diverged. */
  notRun: number;
  diverged?: Divergence;
}

export type ReplayEvent =
  | { kind: 'lesson-start'; lesson: Lesson }
  | { kind: 'step'; lesson: Lesson; step: StepReport }
  | { kind: 'lesson-end'; lesson: Lesson; report: LessonReport };

export interface ReplayOptions {
  onEvent?: (event: ReplayEvent) => void;
  /** Lessons replayed at once, each in its own lab. */
  jobs?: number;
}

export async function replayLesson(lesson: Lesson, content: Pick<ContentIndex, 'states'>, options: ReplayOptions = {}): Promise<LessonReport> {
  const emit = options.onEvent ?? (() => undefined);
  const started = performance.now();
  emit({ kind: 'lesson-start', lesson });
  const steps: StepReport[] = [];
  let diverged: Divergence | undefined;
  const lab = await Lab.create();
  try {
    try {
      await applyState(lab, content.states, lesson.start);
    } catch (err) {
      if (!(err instanceof StateError)) throw err;
      const state = content.states.get(lesson.start);
      diverged = {
        lesson: lesson.id,
        step: 'start-state',
        file: state?.source.file ?? lesson.source.file,
        line: state?.source.line ?? 1,
        at: 'host',
        command: `(states/${lesson.start}.sh)`,
        detail: err.message,
      };
    }
    for (const step of diverged ? [] : lesson.steps) {
      const outcome = await runStep(lab, step);
      const report: StepReport = {
        id: step.id,
        index: step.index,
        at: step.at,
        file: step.source.file,
        line: step.source.line,
        command: step.command,
        passed: outcome.passed,
        durationMs: outcome.result.durationMs,
        ...(outcome.passed ? {} : { detail: outcome.detail }),
      };
      steps.push(report);
      emit({ kind: 'step', lesson, step: report });
      if (!outcome.passed) {
        diverged = { lesson: lesson.id, step: step.id, file: report.file, line: report.line, at: step.at, command: step.command, detail: outcome.detail };
        break;
      }
    }
  } finally {
    await lab.destroy();
  }
  const report: LessonReport = {
    lesson: lesson.id,
    title: lesson.title,
    file: lesson.source.file,
    start: lesson.start,
    passed: diverged === undefined,
    durationMs: Math.round(performance.now() - started),
    steps,
    notRun: lesson.steps.length - steps.length,
    ...(diverged ? { diverged } : {}),
  };
  emit({ kind: 'lesson-end', lesson, report });
  return report;
}

/** Replay lessons, up to `jobs` at once; reports come back in the lessons' order. */
export async function replayLessons(lessons: readonly Lesson[], content: Pick<ContentIndex, 'states'>, options: ReplayOptions = {}): Promise<LessonReport[]> {
  const jobs = Math.max(1, options.jobs ?? 2);
  const reports: LessonReport[] = new Array(lessons.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < lessons.length) {
      const i = next++;
      reports[i] = await replayLesson(lessons[i]!, content, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, lessons.length) }, worker));
  return reports;
}
