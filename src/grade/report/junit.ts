// JUnit XML, the format CI systems show as test results: one testsuite per
// solution, one testcase per check. A solution that could not be graded at
// all (lab or setup failure) is an <error>, a failed check a <failure>.
import { create } from 'xmlbuilder2';
import { GRADING_CHECK, type GradeReport } from '../grade.js';

// XML 1.0 cannot carry most control characters, even escaped.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const clean = (s: string): string => s.replace(NOT_XML, '\uFFFD');
const seconds = (ms: number): string => (ms / 1000).toFixed(3);

export function junitReport(report: GradeReport): string {
  const count = (pick: (r: GradeReport['results'][number]) => number): number => report.results.reduce((n, r) => n + pick(r), 0);
  const errorsOf = (r: GradeReport['results'][number]): number => (r.error ? 1 : 0);
  const failuresOf = (r: GradeReport['results'][number]): number => r.checks.filter((c) => !c.passed).length - errorsOf(r);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', {
    name: `nslab grade ${report.challenge}`,
    tests: String(count((r) => r.checks.length)),
    failures: String(count(failuresOf)),
    errors: String(count(errorsOf)),
    time: seconds(count((r) => r.durationMs)),
  });
  for (const result of report.results) {
    const suite = root.ele('testsuite', {
      name: clean(result.solution),
      tests: String(result.checks.length),
      failures: String(failuresOf(result)),
      errors: String(errorsOf(result)),
      skipped: '0',
      time: seconds(result.durationMs),
    });
    const props = suite.ele('properties');
    props.ele('property', { name: 'challenge', value: report.challenge }).up();
    props.ele('property', { name: 'exitCode', value: result.exitCode === null ? '' : String(result.exitCode) }).up();
    props.ele('property', { name: 'timedOut', value: String(result.timedOut) }).up();
    for (const check of result.checks) {
      const testcase = suite.ele('testcase', {
        classname: `${report.challenge}.${clean(result.solution)}`,
        name: clean(`${check.id}: ${check.title}`),
        time: seconds(check.durationMs ?? 0),
      });
      if (check.passed) continue;
      const tag = result.error && check.id === GRADING_CHECK.id ? 'error' : 'failure';
      testcase.ele(tag, { message: clean(check.detail), type: tag === 'error' ? 'grading' : 'check' }).txt(clean(check.detail));
    }
    if (result.outputTail) suite.ele('system-out').txt(clean(result.outputTail));
  }
  return root.end({ prettyPrint: true }) + '\n';
}
