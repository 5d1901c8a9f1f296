// The tutorial works: every lesson in lessons/ replays in a fresh lab, step
// by step, and all of the real content validates without a single problem.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatError, loadContent } from '../../src/content/index.js';
import { replayLessons, type LessonReport } from '../../src/replay/replay.js';
import { divergenceText } from '../../src/commands/replay.js';
import validate from '../../src/commands/validate.js';
import { describeLabs } from '../support/labs.js';

const content = await loadContent();

describe('the real content', () => {
  it('has lessons', () => {
    expect(content.lessons.length, 'lessons/ holds no lesson at all').toBeGreaterThan(0);
  });

  afterEach(() => vi.restoreAllMocks());

  it('loads without problems', () => {
    expect(content.errors.map((e) => formatError(e))).toEqual([]);
  });

  it('passes `nslab validate` (syntax of steps and states included)', async () => {
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((m) => void printed.push(String(m)));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const code = await validate([]);
    expect(printed).toEqual([]);
    expect(code).toBe(0);
  });
});

describeLabs('every lesson replays', () => {
  const reports = new Map<string, LessonReport>();
  beforeAll(async () => {
    for (const r of await replayLessons(content.lessons, content, { jobs: 2 })) reports.set(r.lesson, r);
  }, 600_000);

  it('has lessons to replay', () => {
    expect(content.lessons.length).toBeGreaterThan(0);
  });

  for (const lesson of content.lessons) {
    it(`lesson "${lesson.id}" (${lesson.steps.length} steps)`, () => {
      const report = reports.get(lesson.id);
      expect(report, `lesson "${lesson.id}" was not replayed`).toBeDefined();
      expect(report!.passed, report!.diverged ? divergenceText(report!) : '').toBe(true);
      expect(report!.steps.length).toBe(lesson.steps.length);
    });
  }
});
