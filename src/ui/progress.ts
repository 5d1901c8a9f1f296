// The learner's progress: which lessons and challenges are done, where they
// were. One small JSON file in $XDG_STATE_HOME/nslab (NSLAB_STATE_DIR wins),
// written atomically (temp file + rename) so a crash never leaves half a file.
// `nslab list` reads it too: readProgress() + statusOf().
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export type Status = 'done' | 'in-progress' | 'new';

export interface LessonProgress {
  /** The step the learner was at (1-based index). */
  step: number;
  /** Ids of steps that ran and met their expectation at least once. */
  passed: string[];
  done: boolean;
}

export interface ChallengeProgress {
  hintsShown: number;
  done: boolean;
}

export interface Progress {
  version: 1;
  lessons: Record<string, LessonProgress>;
  challenges: Record<string, ChallengeProgress>;
  /** Where the learner was last, to resume there. */
  last?: { kind: 'lesson' | 'challenge'; id: string };
}

export function emptyProgress(): Progress {
  return { version: 1, lessons: {}, challenges: {} };
}

export function progressFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.NSLAB_STATE_DIR) return join(env.NSLAB_STATE_DIR, 'progress.json');
  const base = env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(base, 'nslab', 'progress.json');
}

export interface ReadResult {
  progress: Progress;
  /** Set when the file existed but could not be used (it was set aside). */
  warning?: string;
}

/** Read progress; a missing file is a fresh start, a corrupt one is set aside and reported. */
export function readProgress(file: string = progressFile()): ReadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { progress: emptyProgress() };
  }
  const parsed = parseProgress(text);
  if (parsed) return { progress: parsed };
  const aside = `${file}.corrupt-${Date.now()}`;
  try {
    renameSync(file, aside);
  } catch {
    // leave it; the next write replaces it
  }
  return { progress: emptyProgress(), warning: `${file} was not readable progress; it was moved to ${aside} and progress starts afresh` };
}

/** Validate loosely: keep what has the right shape, drop the rest. undefined if it is not progress at all. */
export function parseProgress(text: string): Progress | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(raw) || raw.version !== 1 || !isObject(raw.lessons) || !isObject(raw.challenges)) return undefined;
  const progress = emptyProgress();
  for (const [id, v] of Object.entries(raw.lessons)) {
    if (!isObject(v)) continue;
    progress.lessons[id] = {
      step: typeof v.step === 'number' && v.step >= 1 ? Math.floor(v.step) : 1,
      passed: Array.isArray(v.passed) ? v.passed.filter((s): s is string => typeof s === 'string') : [],
      done: v.done === true,
    };
  }
  for (const [id, v] of Object.entries(raw.challenges)) {
    if (!isObject(v)) continue;
    progress.challenges[id] = { hintsShown: typeof v.hintsShown === 'number' ? Math.max(0, Math.floor(v.hintsShown)) : 0, done: v.done === true };
  }
  const last = raw.last;
  if (isObject(last) && (last.kind === 'lesson' || last.kind === 'challenge') && typeof last.id === 'string') {
    progress.last = { kind: last.kind, id: last.id };
  }
  return progress;
}

export function writeProgress(progress: Progress, file: string = progressFile()): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(progress, null, 2) + '\n');
  renameSync(tmp, file);
}

export function lessonStatus(progress: Progress, id: string): Status {
  const p = progress.lessons[id];
  if (!p) return 'new';
  if (p.done) return 'done';
  return p.passed.length > 0 || p.step > 1 ? 'in-progress' : 'new';
}

export function challengeStatus(progress: Progress, id: string): Status {
  const p = progress.challenges[id];
  if (!p) return 'new';
  if (p.done) return 'done';
  return 'in-progress';
}

/** For `nslab list` and others: the status of a lesson or challenge. */
export function statusOf(progress: Progress, kind: 'lesson' | 'challenge', id: string): Status {
  return kind === 'lesson' ? lessonStatus(progress, id) : challengeStatus(progress, id);
}

export const STATUS_MARK: Record<Status, string> = { done: '✓', 'in-progress': '◐', new: '·' };

// Pure updates: each returns a new Progress.

export function recordLessonStep(progress: Progress, lessonId: string, step: number, totalSteps: number, passedStepId?: string): Progress {
  const prev = progress.lessons[lessonId] ?? { step: 1, passed: [], done: false };
  const passed = passedStepId && !prev.passed.includes(passedStepId) ? [...prev.passed, passedStepId] : prev.passed;
  const done = prev.done || (totalSteps > 0 && passed.length >= totalSteps);
  return { ...progress, lessons: { ...progress.lessons, [lessonId]: { step, passed, done } }, last: { kind: 'lesson', id: lessonId } };
}

export function markLessonDone(progress: Progress, lessonId: string): Progress {
  const prev = progress.lessons[lessonId] ?? { step: 1, passed: [], done: false };
  return { ...progress, lessons: { ...progress.lessons, [lessonId]: { ...prev, done: true } } };
}

export function recordChallenge(progress: Progress, id: string, update: Partial<ChallengeProgress>): Progress {
  const prev = progress.challenges[id] ?? { hintsShown: 0, done: false };
  const next = { ...prev, ...update, done: prev.done || update.done === true };
  return { ...progress, challenges: { ...progress.challenges, [id]: next }, last: { kind: 'challenge', id } };
}

/** The read/modify/write interface the UI holds. */
export interface ProgressStore {
  get(): Progress;
  update(change: (p: Progress) => Progress): void;
  /** A problem reading the file, to show once. */
  readonly warning?: string;
}

export function fileProgressStore(file: string = progressFile()): ProgressStore {
  const read = readProgress(file);
  let current = read.progress;
  let failed = false;
  return {
    warning: read.warning,
    get: () => current,
    update(change) {
      current = change(current);
      try {
        writeProgress(current, file);
      } catch (err) {
        // Progress is a convenience: never let a read-only home break the lesson.
        if (!failed) process.stderr.write(`nslab: could not save progress to ${file}: ${(err as Error).message}\n`);
        failed = true;
      }
    },
  };
}

export function memoryProgressStore(initial: Progress = emptyProgress()): ProgressStore {
  let current = initial;
  return { get: () => current, update: (change) => void (current = change(current)) };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
