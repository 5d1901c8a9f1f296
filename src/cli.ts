// nslab's command router. Each command lives in src/commands/NAME.ts and is
// imported only when used, so `nslab shell -c …` never loads the UI.
import { UsageError } from './commands/usage.js';
import { LabError, killAllLabsNow } from './lab/lab.js';

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ default: Command }> }> = {
  learn: { summary: 'open the tutorial (the default), optionally at a lesson', load: () => import('./commands/learn.js') },
  shell: { summary: 'a shell inside a fresh lab [-c CMD] [--at LESSON[:STEP]|CHALLENGE]', load: () => import('./commands/shell.js') },
  check: { summary: "run a challenge's checks against a running lab", load: () => import('./commands/check.js') },
  grade: { summary: 'grade solution scripts for a challenge, each in a fresh lab', load: () => import('./commands/grade.js') },
  replay: { summary: "run a lesson's steps in a fresh lab and verify them (or --all)", load: () => import('./commands/replay.js') },
  list: { summary: 'list lessons and challenges', load: () => import('./commands/list.js') },
  validate: { summary: 'lint lesson and challenge files', load: () => import('./commands/validate.js') },
  topo: { summary: "draw a running lab's topology", load: () => import('./commands/topo.js') },
  doctor: { summary: 'check that this machine can run labs, and say how to fix it', load: () => import('./commands/doctor.js') },
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return ['usage: nslab [COMMAND] [ARGS...]', '', 'commands:', ...lines, '', 'nslab COMMAND --help for the options of one command.'].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    console.log(usage());
    return 0;
  }
  if (first === '--version' || first === '-V') {
    const { readFileSync } = await import('node:fs');
    const { PACKAGE_ROOT } = await import('./package-root.js');
    console.log(JSON.parse(readFileSync(`${PACKAGE_ROOT}/package.json`, 'utf8')).version);
    return 0;
  }
  const name = first === undefined || first.startsWith('-') ? 'learn' : first;
  const args = name === first ? rest : argv;
  const command = COMMANDS[name];
  if (!command) {
    const guess = Object.keys(COMMANDS).find((c) => c.startsWith(name.slice(0, 2)));
    console.error(`nslab: unknown command "${name}".${guess ? ` Did you mean "${guess}"?` : ''}\n\n${usage()}`);
    return 2;
  }
  const run = (await command.load()).default;
  return run(args);
}

function report(err: unknown): number {
  if (err instanceof UsageError) {
    console.error(`nslab: ${err.message}\n\n${err.usage}`);
    return 2;
  }
  if (err instanceof LabError) {
    console.error(`nslab: ${err.message}${err.hint ? `\n  → ${err.hint}` : ''}`);
    return 1;
  }
  const e = err as Error & { exitCode?: number };
  if (process.env.NSLAB_DEBUG) console.error(e.stack);
  else console.error(`nslab: ${e.message ?? String(err)}`);
  return typeof e.exitCode === 'number' ? e.exitCode : 1;
}

// Labs die with their PID 1, which dies when we do (its stdin closes). These
// handlers only make it immediate on the usual ways out.
process.on('exit', killAllLabsNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    killAllLabsNow();
    process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const)[signal]);
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.exitCode = report(err);
  },
);
