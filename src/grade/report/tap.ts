// TAP 14: one subtest per solution, one test point per check; a failed
// check carries its detail in a YAML diagnostic block.
import { stringify } from 'yaml';
import type { GradeReport, SolutionResult } from '../grade.js';

// In a description, `#` would start a directive and `\` escapes.
const describe = (s: string): string => s.replace(/[\\#]/g, (c) => `\\${c}`).replace(/\s*\n\s*/g, ' ');

export function tapReport(report: GradeReport): string {
  const lines = ['TAP version 14', `1..${report.results.length}`];
  report.results.forEach((result, i) => {
    lines.push(`# Subtest: ${describe(result.solution)}`);
    lines.push(...solutionLines(result).map((l) => (l ? `    ${l}` : l)));
    lines.push(`${result.passed ? 'ok' : 'not ok'} ${i + 1} - ${describe(result.solution)}`);
  });
  return lines.join('\n') + '\n';
}

function solutionLines(result: SolutionResult): string[] {
  const lines = [`1..${result.checks.length}`];
  result.checks.forEach((check, i) => {
    lines.push(`${check.passed ? 'ok' : 'not ok'} ${i + 1} - ${describe(`${check.id}: ${check.title}`)}`);
    if (check.passed) return;
    const diagnostic: Record<string, unknown> = { detail: check.detail };
    if (i === 0) Object.assign(diagnostic, { exitCode: result.exitCode, timedOut: result.timedOut });
    lines.push('  ---', ...stringify(diagnostic).trimEnd().split('\n').map((l) => `  ${l}`), '  ...');
  });
  return lines;
}
