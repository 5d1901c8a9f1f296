// nslab check CHALLENGE [--lab ID]: run a challenge's checks against a lab
// that is already running (one started with `nslab shell`, which prints its
// id). Exit 0 if every check passes, 1 if not, 2 for usage errors.
import type { CheckResult } from '../check/types.js';
import { findChallenge } from '../grade/find.js';
import { Lab, runningLabs } from '../lab/lab.js';
import { parseCommand, UsageError } from './usage.js';

const USAGE = `usage: nslab check CHALLENGE [--lab ID] [--format text|json]

Runs the challenge's checks against a running lab (start one with
\`nslab shell --at CHALLENGE\`; it prints the lab's id).
  --lab ID       the lab to check; optional when exactly one lab is running
  -f, --format   text (default) or json`;

export default async function check(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    { lab: { type: 'string' }, format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [name, extra] = positionals;
  if (!name) throw new UsageError('name the challenge to check', USAGE);
  if (extra) throw new UsageError(`unexpected argument "${extra}"`, USAGE);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}": use text or json`, USAGE);

  const found = await findChallenge(name);
  if (!found.challenge) {
    console.error(found.problem);
    return 2;
  }
  const challenge = found.challenge;
  const running = [...runningLabs().keys()];
  let labId = values.lab;
  if (!labId) {
    if (running.length !== 1) {
      console.error(
        running.length === 0
          ? 'nslab check: no lab is running.\n  → start one with `nslab shell --at ' + challenge.id + '`, then run this from another terminal.'
          : `nslab check: ${running.length} labs are running (${running.join(', ')}).\n  → say which with --lab ID.`,
      );
      return 2;
    }
    labId = running[0]!;
  }
  let lab: Lab;
  try {
    lab = Lab.attach(labId);
  } catch (err) {
    console.error(`nslab check: ${(err as Error).message}.\n  → ${running.length ? `running labs: ${running.join(', ')}` : 'start one with `nslab shell --at ' + challenge.id + '`'}`);
    return 2;
  }
  const { evaluateChecks } = await import('../check/evaluate.js');
  const color = format === 'text' && process.stdout.isTTY === true;
  const results = await evaluateChecks(lab, challenge.checks, {
    onResult: format === 'text' ? (r) => process.stdout.write(checkLine(r, color)) : undefined,
  });
  const passed = results.every((r) => r.passed);
  if (format === 'json') {
    const checks = results.map((r) => ({ id: r.id, title: r.title, passed: r.passed, detail: r.detail }));
    process.stdout.write(JSON.stringify({ challenge: challenge.id, lab: labId, passed, checks }, null, 2) + '\n');
  } else {
    const n = results.filter((r) => r.passed).length;
    const summary = passed ? `All ${n} checks pass: "${challenge.title}" is solved.` : `${n} of ${results.length} checks pass. \`nslab learn\` shows the hints.`;
    process.stdout.write(`\n${color ? `\x1b[${passed ? 32 : 31}m${summary}\x1b[0m` : summary}\n`);
  }
  return passed ? 0 : 1;
}

function checkLine(r: CheckResult, color: boolean): string {
  const mark = r.passed ? (color ? '\x1b[32m✓\x1b[0m' : '✓') : color ? '\x1b[31m✗\x1b[0m' : '✗';
  const detail = !r.passed && r.detail ? r.detail.split('\n').map((l) => `\n    ${l}`).join('') : '';
  return `${mark} ${r.title}${detail}\n`;
}

