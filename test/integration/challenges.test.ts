// Every challenge, in real labs: it does not start solved, its reference
// solution and every alternative pass every check, and every typical wrong
// solution fails (at least) the checks it names. If a check is too strict or
// too lax, or a state or solution drifts, this is where it shows.
import { describe, it } from 'vitest';
import { loadChallenges } from '../../src/content/challenge.js';
import type { Challenge } from '../../src/content/types.js';
import { gradeScript, type SolutionResult } from '../../src/grade/grade.js';
import { PACKAGE_ROOT } from '../../src/lab/paths.js';
import { describeLabs } from '../support/labs.js';

const { challenges, errors } = await loadChallenges(`${PACKAGE_ROOT}/challenges`, { statesDir: `${PACKAGE_ROOT}/states` });
if (errors.length > 0) throw new Error(`challenge files have errors:\n${errors.map((e) => `${e.file}:${e.line}: ${e.message}`).join('\n')}`);

const failedIds = (r: SolutionResult): string[] => r.checks.filter((c) => !c.passed).map((c) => c.id);
/** What went wrong, readable in a test failure. */
const explain = (r: SolutionResult): string =>
  [
    `exit ${r.exitCode}${r.timedOut ? ', timed out' : ''}${r.error ? `, error: ${r.error}` : ''}`,
    ...r.checks.map((c) => `${c.passed ? '✓' : '✗'} ${c.id}${c.detail ? `: ${c.detail}` : ''}`),
    r.outputTail && `output: ${r.outputTail}`,
  ].join('\n');

const grade = (c: Challenge, name: string, script: string): Promise<SolutionResult> => gradeScript(c, { name, script }, { timeoutMs: 20_000 });

describeLabs('challenges', () => {
  for (const challenge of challenges) {
    describe.concurrent(challenge.id, () => {
      it('does not start solved (and its setup works)', async ({ expect }) => {
        const r = await grade(challenge, 'nothing', 'true');
        expect(r.error, explain(r)).toBeUndefined();
        expect(r.passed, explain(r)).toBe(false);
      });

      it('passes with the reference solution, every check', async ({ expect }) => {
        const r = await grade(challenge, 'reference', challenge.solution);
        expect(failedIds(r), explain(r)).toEqual([]);
        expect(r.exitCode, explain(r)).toBe(0);
        expect(r.passed).toBe(true);
      });

      for (const alternative of challenge.alternatives ?? []) {
        it(`passes with the alternative "${alternative.name}"`, async ({ expect }) => {
          const r = await grade(challenge, alternative.name, alternative.script);
          expect(failedIds(r), explain(r)).toEqual([]);
          expect(r.exitCode, explain(r)).toBe(0);
        });
      }

      for (const wrong of challenge.wrong) {
        it(`fails "${wrong.name}" on ${wrong.fails!.join(', ')}`, async ({ expect }) => {
          const r = await grade(challenge, wrong.name, wrong.script);
          expect(r.error, explain(r)).toBeUndefined();
          expect(r.passed).toBe(false);
          expect(failedIds(r), explain(r)).toEqual(expect.arrayContaining(wrong.fails!));
        });
      }
    });
  }
});

