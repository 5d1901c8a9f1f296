// nslab learn [LESSON]: the interactive tutorial (also plain `nslab`).
// Without a terminal (piped, CI) it explains what to use instead and exits.
import { spawn } from 'node:child_process';
import { placeLabel, type Place } from '../lab/place.js';
import type { Lab } from '../lab/lab.js';
import { parseCommand, UsageError } from './usage.js';

const USAGE = `usage: nslab learn [LESSON]

Opens the tutorial: lessons and challenges with your progress, each lesson in
its own throwaway lab. LESSON (an id from \`nslab list\`) opens that lesson.
Progress is kept in $XDG_STATE_HOME/nslab/progress.json (NSLAB_STATE_DIR overrides).`;

export default async function learn(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, { help: { type: 'boolean', short: 'h' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`one lesson at a time, got ${positionals.length}`, USAGE);
  const wanted = positionals[0];
  const interactive = process.stdin.isTTY && process.stdout.isTTY && process.env.CI !== 'true';

  let initial: { kind: 'lesson' | 'challenge'; id: string } | undefined;
  if (wanted !== undefined) {
    const { loadContent } = await import('../content/index.js');
    const content = await loadContent();
    const lesson = content.lessons.find((l) => l.id === wanted);
    const challenge = content.challenges.find((c) => c.id === wanted);
    if (!lesson && !challenge) {
      const { closest } = await import('../ui/catalog.js');
      const guess = closest(wanted, [...content.lessons.map((l) => l.id), ...content.challenges.map((c) => c.id)]);
      console.error(`nslab learn: there is no lesson "${wanted}".${guess ? ` Did you mean "${guess}"?` : ''}\n  → \`nslab list\` shows every lesson and challenge.`);
      return 2;
    }
    initial = lesson ? { kind: 'lesson', id: lesson.id } : { kind: 'challenge', id: wanted };
  }
  if (!interactive) {
    console.log(
      'nslab learn needs an interactive terminal.\n' +
        '  To check the lessons without one:      nslab replay --all\n' +
        '  To grade a solution to a challenge:    nslab grade CHALLENGE solution.sh\n' +
        '  To get a shell in a lab:               nslab shell',
    );
    return 0;
  }
  return runTui(initial);
}

async function runTui(initial: { kind: 'lesson' | 'challenge'; id: string } | undefined): Promise<number> {
  // ink takes a few hundred ms to load: say we are starting, and read the
  // content meanwhile, so the list is ready as soon as ink is.
  process.stdout.write('nslab · starting…');
  const { realServices } = await import('../ui/real-services.js');
  let instance: { clear(): void } | undefined;
  const services = realServices(async (lab, at) => {
    instance?.clear();
    return runShell(lab, at);
  });
  services.loadContent().catch(() => undefined); // errors are shown by the App
  // react is CommonJS: its default export is the API, in node and in the bundle alike
  const [{ render }, { default: React }, { App }] = await Promise.all([import('ink'), import('react'), import('../ui/components/App.js')]);
  process.stdout.write('\r\x1b[2K');
  let app: ReturnType<typeof render> | undefined;
  try {
    app = render(React.createElement(App, { services, initial }), { exitOnCtrlC: false });
    instance = app;
    await app.waitUntilExit();
  } finally {
    app?.unmount();
    await services.destroyAll();
  }
  return 0;
}

/** An interactive bash in the lab on our terminal; Ctrl-C belongs to it, not to us. */
async function runShell(lab: Lab, at: Place): Promise<number> {
  const { labEnv } = await import('../lab/lab.js');
  process.stdout.write(
    `\nnslab: a shell in the lab at ${placeLabel(at)}. Everything you do stays in this lab.\n` +
      `nslab: type exit (or Ctrl-D) to go back to the tutorial.\n\n`,
  );
  return new Promise((resolve) => {
    const saved = process.listeners('SIGINT');
    process.removeAllListeners('SIGINT');
    const ignore = (): void => undefined;
    process.on('SIGINT', ignore);
    const restore = (): void => {
      process.off('SIGINT', ignore);
      for (const l of saved) process.on('SIGINT', l as () => void);
    };
    const child = spawn('nsenter', lab.enterArgv(['bash', '-i'], at), { stdio: 'inherit', env: labEnv(lab.id) });
    child.once('error', (err) => {
      restore();
      process.stderr.write(`nslab: the shell could not start: ${err.message}\n`);
      resolve(127);
    });
    child.once('exit', (code, signal) => {
      restore();
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}
