// nslab grade CHALLENGE SOLUTION.sh...: grade solution scripts, each in a
// fresh lab. Exit 0 iff every solution passes, 1 if any fails, 2 for usage
// or content errors (nothing is graded then).
import { access, writeFile } from 'node:fs/promises';
import { formatReport, FORMATS, type Format } from '../grade/report/index.js';
import { findChallenge } from '../grade/find.js';
import { gradeAll } from '../grade/grade.js';
import { parseCommand, positiveInt, UsageError } from './usage.js';

const USAGE = `usage: nslab grade CHALLENGE SOLUTION.sh... [--jobs N] [--format text|json|junit|tap] [--timeout S] [--output FILE]

Grades each solution script in a fresh lab: the challenge's setup, then the
script as root of the lab's host, then the challenge's checks.
  CHALLENGE        a challenge id (nslab list shows them) or a challenge .md file
  -j, --jobs N     grade N solutions at once (default 1)
  -f, --format F   text (default), json, junit or tap
  -t, --timeout S  time limit for each solution script, in seconds (default 30)
  -o, --output F   write the report to F instead of standard output
Exit status: 0 if every solution passes, 1 if any fails, 2 for usage or content errors.`;

export default async function grade(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      jobs: { type: 'string', short: 'j' },
      format: { type: 'string', short: 'f' },
      timeout: { type: 'string', short: 't' },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [challengeName, ...solutions] = positionals;
  if (!challengeName) throw new UsageError('name the challenge to grade', USAGE);
  if (solutions.length === 0) throw new UsageError(`give at least one solution script to grade against "${challengeName}"`, USAGE);
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${values.format}": use one of ${FORMATS.join(', ')}`, USAGE);
  const jobs = Math.floor(positiveInt(values.jobs, '--jobs', USAGE, 1));
  const timeoutMs = Math.round(positiveInt(values.timeout, '--timeout', USAGE, 30) * 1000);

  const found = await findChallenge(challengeName);
  if (!found.challenge) {
    console.error(found.problem);
    return 2;
  }
  const missing: string[] = [];
  for (const s of solutions) {
    try {
      await access(s);
    } catch {
      missing.push(s);
    }
  }
  if (missing.length > 0) {
    console.error(`nslab grade: solution file${missing.length > 1 ? 's' : ''} not found: ${missing.join(', ')}\n  → check the path${missing.length > 1 ? 's' : ''} (relative to ${process.cwd()})`);
    return 2;
  }

  const challenge = found.challenge;
  const interactive = process.stderr.isTTY === true;
  let done = 0;
  if (interactive) process.stderr.write(`nslab: grading ${solutions.length} solution${solutions.length > 1 ? 's' : ''} for "${challenge.id}"${jobs > 1 ? ` (${jobs} at a time)` : ''}…\n`);
  const report = await gradeAll(challenge, solutions, {
    jobs,
    timeoutMs,
    onResult: (r) => {
      done++;
      if (interactive) process.stderr.write(`nslab: [${done}/${solutions.length}] ${r.passed ? '✓' : '✗'} ${r.solution}\n`);
    },
  });
  const text = formatReport(report, format, { color: !values.output && process.stdout.isTTY === true, title: challenge.title });
  if (values.output) {
    await writeFile(values.output, text);
    const passed = report.results.filter((r) => r.passed).length;
    console.error(`nslab: ${passed} of ${report.results.length} passed; ${format} report written to ${values.output}`);
  } else {
    process.stdout.write(text);
  }
  return report.passed ? 0 : 1;
}
