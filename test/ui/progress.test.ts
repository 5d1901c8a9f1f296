import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  emptyProgress,
  fileProgressStore,
  lessonStatus,
  challengeStatus,
  progressFile,
  readProgress,
  recordChallenge,
  recordLessonStep,
  writeProgress,
} from '../../src/ui/progress.js';

// every directory a test makes is removed after it
const made: string[] = [];
const dir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'nslab-progress-'));
  made.push(d);
  return d;
};
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('progress store', () => {
  it('lives in NSLAB_STATE_DIR, else XDG_STATE_HOME/nslab, else ~/.local/state/nslab', () => {
    expect(progressFile({ NSLAB_STATE_DIR: '/s' })).toBe('/s/progress.json');
    expect(progressFile({ XDG_STATE_HOME: '/x' })).toBe('/x/nslab/progress.json');
    expect(progressFile({})).toMatch(/\/\.local\/state\/nslab\/progress\.json$/);
  });

  it('round-trips through the file, atomically (no temp file left)', () => {
    const d = dir();
    const file = join(d, 'sub', 'progress.json');
    let p = recordLessonStep(emptyProgress(), 'veth', 3, 4, 'step-2');
    p = recordChallenge(p, 'bridge', { hintsShown: 2 });
    writeProgress(p, file);
    expect(readProgress(file)).toEqual({ progress: p });
    expect(readdirSync(join(d, 'sub'))).toEqual(['progress.json']);
    expect(p.last).toEqual({ kind: 'challenge', id: 'bridge' });
  });

  it('a missing file is a fresh start', () => {
    expect(readProgress(join(dir(), 'none.json'))).toEqual({ progress: emptyProgress() });
  });

  it('sets a corrupt file aside, says so, and starts afresh', () => {
    const d = dir();
    const file = join(d, 'progress.json');
    writeFileSync(file, '{"version": 1, "lessons": {');
    const r = readProgress(file);
    expect(r.progress).toEqual(emptyProgress());
    expect(r.warning).toMatch(/was not readable progress; it was moved to .*progress\.json\.corrupt-\d+/);
    const files = readdirSync(d);
    expect(files).toHaveLength(1);
    expect(readFileSync(join(d, files[0]!), 'utf8')).toBe('{"version": 1, "lessons": {');
  });

  it('keeps what is well formed in an old or edited file and drops the rest', () => {
    const d = dir();
    const file = join(d, 'progress.json');
    writeFileSync(file, JSON.stringify({ version: 1, lessons: { a: { step: 2, passed: ['step-1', 7], done: false }, b: 'junk' }, challenges: { c: { done: true } }, last: { kind: 'x' } }));
    expect(readProgress(file).progress).toEqual({ version: 1, lessons: { a: { step: 2, passed: ['step-1'], done: false } }, challenges: { c: { hintsShown: 0, done: true } } });
  });

  it('derives statuses: new, in progress, done', () => {
    let p = emptyProgress();
    expect(lessonStatus(p, 'veth')).toBe('new');
    p = recordLessonStep(p, 'veth', 1, 2);
    expect(lessonStatus(p, 'veth')).toBe('new');
    p = recordLessonStep(p, 'veth', 2, 2, 'step-1');
    expect(lessonStatus(p, 'veth')).toBe('in-progress');
    p = recordLessonStep(p, 'veth', 2, 2, 'step-2');
    expect(lessonStatus(p, 'veth')).toBe('done');
    p = recordLessonStep(p, 'veth', 1, 2); // revisiting does not undo it
    expect(lessonStatus(p, 'veth')).toBe('done');
    expect(challengeStatus(p, 'x')).toBe('new');
    p = recordChallenge(p, 'x', {});
    expect(challengeStatus(p, 'x')).toBe('in-progress');
    p = recordChallenge(p, 'x', { done: true });
    p = recordChallenge(p, 'x', { hintsShown: 1 });
    expect(challengeStatus(p, 'x')).toBe('done');
  });

  it('the file store writes on every update and survives a reload', () => {
    const file = join(dir(), 'progress.json');
    const store = fileProgressStore(file);
    store.update((p) => recordChallenge(p, 'netns', { done: true }));
    expect(fileProgressStore(file).get().challenges.netns).toEqual({ hintsShown: 0, done: true });
  });
});
