// nslab shell: a real bash inside a fresh lab. Interactive on a terminal;
// with -c it runs one command, and with a non-terminal stdin it runs that as a
// script. Either way it returns the shell's exit code and destroys the lab.
import { spawn } from 'node:child_process';
import { Lab, labEnv } from '../lab/lab.js';
import { parseCommand } from './usage.js';

const USAGE = `usage: nslab shell [-c COMMAND] [--at LESSON[:STEP] | --at CHALLENGE]

  -c, --command CMD   run CMD in the lab's host and exit with its status
  --at SPEC           build the lab to where a lesson (or one of its steps) or a
                      challenge starts, e.g. --at bridge or --at outbound:step-3
  -q, --quiet         no banner
Without -c, a terminal gets an interactive shell; other input runs as a script.`;

export default async function shell(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      command: { type: 'string', short: 'c' },
      at: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length > 0) {
    const { UsageError } = await import('./usage.js');
    throw new UsageError(`unexpected argument "${positionals[0]}" (quote the command: -c '...')`, USAGE);
  }
  const lab = await Lab.create();
  try {
    if (values.at) {
      const { prepareLab } = await import('../replay/prepare.js');
      const what = await prepareLab(lab, values.at, (line) => {
        if (!values.quiet) process.stderr.write(`nslab: ${line}\n`);
      });
      if (!values.quiet) process.stderr.write(`nslab: the lab is at ${what}\n`);
    }
    const interactive = values.command === undefined && process.stdin.isTTY;
    if (interactive && !values.quiet) {
      process.stderr.write(
        `nslab: lab ${lab.id} is ready. You are root of its host (eth0 172.16.0.2).\n` +
          `nslab: nothing here touches your machine's network. Type exit (or Ctrl-D) to leave; the lab is then destroyed.\n`,
      );
    }
    const argv =
      values.command !== undefined
        ? ['bash', '-c', values.command]
        : interactive
          ? ['bash', '-i']
          : ['bash', '-s'];
    return await runAttached(lab, argv);
  } finally {
    await lab.destroy();
  }
}

/** Run argv in the lab with our terminal; Ctrl-C belongs to the shell, not to us. */
function runAttached(lab: Lab, argv: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const saved = process.listeners('SIGINT');
    process.removeAllListeners('SIGINT');
    const ignore = (): void => undefined;
    process.on('SIGINT', ignore);
    const child = spawn('nsenter', lab.enterArgv(argv), { stdio: 'inherit', env: labEnv(lab.id) });
    const restore = (): void => {
      process.off('SIGINT', ignore);
      for (const l of saved) process.on('SIGINT', l as () => void);
    };
    child.once('error', (err) => {
      restore();
      reject(err);
    });
    child.once('exit', (code, signal) => {
      restore();
      resolve(code ?? (signal ? 128 + (signal === 'SIGKILL' ? 9 : 15) : 1));
    });
  });
}
