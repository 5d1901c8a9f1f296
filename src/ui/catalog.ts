// The home list as data: lessons then challenges, each with its status, and
// which one to suggest next. Pure over content + progress.
import type { ContentIndex } from '../content/index.js';
import { challengeStatus, lessonStatus, type Progress, type Status } from './progress.js';

export interface CatalogItem {
  kind: 'lesson' | 'challenge';
  id: string;
  title: string;
  summary: string;
  status: Status;
  /** Lessons: their number; challenges: difficulty 1-3. */
  order: number;
}

export function catalog(content: Pick<ContentIndex, 'lessons' | 'challenges'>, progress: Progress): CatalogItem[] {
  return [
    ...content.lessons.map((l, i): CatalogItem => ({ kind: 'lesson', id: l.id, title: l.title, summary: l.summary, status: lessonStatus(progress, l.id), order: i + 1 })),
    ...content.challenges.map(
      (c): CatalogItem => ({
        kind: 'challenge',
        id: c.id,
        title: c.title,
        summary: c.lesson ? `after the lesson "${c.lesson}"` : '',
        status: challengeStatus(progress, c.id),
        order: c.difficulty,
      }),
    ),
  ];
}

/** The first item not done, lessons first; undefined when everything is done. */
export function suggested(items: CatalogItem[]): number | undefined {
  const inProgress = items.findIndex((i) => i.kind === 'lesson' && i.status === 'in-progress');
  if (inProgress >= 0) return inProgress;
  const i = items.findIndex((it) => it.status !== 'done');
  return i >= 0 ? i : undefined;
}

/** Where the cursor starts: where the learner was last, unless that is done; else the suggestion. */
export function initialSelection(items: CatalogItem[], progress: Progress): number {
  const last = progress.last ? items.findIndex((i) => i.kind === progress.last!.kind && i.id === progress.last!.id) : -1;
  if (last >= 0 && items[last]!.status !== 'done') return last;
  return suggested(items) ?? 0;
}

export interface Tally {
  lessonsDone: number;
  lessons: number;
  challengesDone: number;
  challenges: number;
}

export function tally(items: CatalogItem[]): Tally {
  const count = (kind: CatalogItem['kind'], done: boolean): number => items.filter((i) => i.kind === kind && (!done || i.status === 'done')).length;
  return { lessonsDone: count('lesson', true), lessons: count('lesson', false), challengesDone: count('challenge', true), challenges: count('challenge', false) };
}

/** The slice of a long list to show so that `selected` stays visible. */
export function listWindow(length: number, selected: number, height: number): { start: number; end: number } {
  if (length <= height) return { start: 0, end: length };
  const start = Math.min(Math.max(0, selected - Math.floor(height / 2)), length - height);
  return { start, end: start + height };
}

/** Edit distance, for "did you mean". */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

export function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = c.startsWith(word) || word.startsWith(c) ? 0.5 : distance(word, c);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best !== undefined && bestD <= Math.max(2, word.length / 2) ? best : undefined;
}
