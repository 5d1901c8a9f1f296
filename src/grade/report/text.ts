// The report for people: every solution with ✓/✗, the checks of failed
// solutions with what was expected and found, and a summary line.
import type { GradeReport, SolutionResult } from '../grade.js';

export interface TextOptions {
  /** ANSI colors (only on a terminal). */
  color?: boolean;
  title?: string;
}

// A solution's own output must not repaint our terminal.
// eslint-disable-next-line no-control-regex
const printable = (s: string): string => s.replace(/\x1b\[[0-9;?]*[ -\/]*[@-~]/g, '').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');

const paint = (on: boolean, code: string) => (s: string): string => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

export function textReport(report: GradeReport, { color = false, title }: TextOptions = {}): string {
  const green = paint(color, '32');
  const red = paint(color, '31');
  const dim = paint(color, '2');
  const bold = paint(color, '1');
  const out: string[] = [bold(`Challenge ${report.challenge}${title ? ` — ${title}` : ''}`), ''];
  for (const r of report.results) {
    out.push(...solutionLines(r, { green, red, dim }));
  }
  const passed = report.results.filter((r) => r.passed).length;
  const total = report.results.length;
  const summary = `${passed} of ${total} solution${total === 1 ? '' : 's'} passed.`;
  out.push(passed === total ? green(summary) : red(summary));
  return out.join('\n') + '\n';
}

function solutionLines(r: SolutionResult, c: Record<'green' | 'red' | 'dim', (s: string) => string>): string[] {
  const facts = [`${r.durationMs} ms`];
  if (r.timedOut) facts.push('timed out');
  else if (r.truncated) facts.push('output cut');
  else if (r.exitCode !== null && r.exitCode !== 0) facts.push(`exit ${r.exitCode}`);
  if (r.passed) return [`${c.green('✓')} ${r.solution}  ${c.green('passed')} ${c.dim(`(all ${r.checks.length} checks, ${facts.join(', ')})`)}`, ''];
  const failedCount = r.checks.filter((k) => !k.passed).length;
  const lines = [`${c.red('✗')} ${r.solution}  ${c.red('failed')} ${c.dim(`(${failedCount} of ${r.checks.length} checks, ${facts.join(', ')})`)}`];
  for (const check of r.checks) {
    lines.push(`    ${check.passed ? c.green('✓') : c.red('✗')} ${check.title} ${c.dim(`[${check.id}]`)}`);
    if (!check.passed && check.detail) lines.push(...check.detail.split('\n').map((l) => `        ${l}`));
  }
  if (r.outputTail && r.exitCode !== 0 && !r.error) {
    lines.push(c.dim('    last output of the solution:'), ...printable(r.outputTail).split('\n').map((l) => c.dim(`      | ${l}`)));
  }
  lines.push('');
  return lines;
}
