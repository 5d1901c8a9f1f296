// grade's JSON report, exactly the contract of DESIGN.md §2: nothing more,
// so consumers can rely on the shape.
import type { GradeReport } from '../grade.js';

export function jsonReport(report: GradeReport): string {
  const contract = {
    challenge: report.challenge,
    passed: report.passed,
    results: report.results.map((r) => ({
      solution: r.solution,
      passed: r.passed,
      durationMs: r.durationMs,
      exitCode: r.exitCode,
      timedOut: r.timedOut,
      checks: r.checks.map((c) => ({ id: c.id, title: c.title, passed: c.passed, detail: c.detail })),
    })),
  };
  return JSON.stringify(contract, null, 2) + '\n';
}
