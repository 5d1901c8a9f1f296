// The real program in a real terminal (tmux): open the first lesson, run a
// step, see its output, quit — and nothing is left behind.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labIdsUnder, labProcesses } from '../support/host-state.js';
import { describeLabs } from '../support/labs.js';

const ROOT = new URL('../../', import.meta.url).pathname;
// A person at a terminal: CI=true (set when the suite runs in CI) would make
// nslab print its non-interactive pointer instead of the TUI.
const LAUNCH = 'env -u CI node bin/nslab.js';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

function sessionExists(name: string): boolean {
  try {
    tmux('has-session', '-t', name);
    return true;
  } catch {
    return false;
  }
}

function panePid(session: string): number {
  return Number(tmux('display-message', '-p', '-t', session, '#{pane_pid}').trim());
}

async function waitForScreen(session: string, check: (screen: string) => boolean, what: string, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let screen = '';
  while (Date.now() < until) {
    screen = tmux('capture-pane', '-p', '-t', session);
    if (check(screen)) return screen;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}; the screen was:\n${screen}`);
}

const hasTmux = ((): boolean => {
  try {
    execFileSync('tmux', ['-V']);
    return true;
  } catch {
    return false;
  }
})();

describe('e2e prerequisites', () => {
  it('has tmux and a build', () => {
    expect(hasTmux, 'tmux is needed for the e2e tests (apt-get install tmux)').toBe(true);
    expect(existsSync(join(ROOT, 'dist/cli.js')), 'run `npm run build` first').toBe(true);
  });
});

/** Leave every screen and quit, as a person would. */
async function quitAll(name: string): Promise<void> {
  for (let i = 0; i < 4 && sessionExists(name); i++) {
    tmux('send-keys', '-t', name, 'Escape');
    tmux('send-keys', '-t', name, 'q');
    await sleep(300);
  }
  expect(sessionExists(name), 'nslab should have exited').toBe(false);
}

/** A terminal to run nslab in: `open` starts a tmux session (sharing one
 * progress directory); every session and the directory go when `fn` ends. */
async function inTerminal(fn: (open: (command?: string, rows?: number) => string, state: string) => Promise<void>): Promise<void> {
  const state = mkdtempSync(join(tmpdir(), 'nslab-e2e-'));
  const sessions: string[] = [];
  const open = (command = LAUNCH, rows = 40): string => {
    const name = `nslab-e2e-${process.pid}-${Date.now()}-${sessions.length}`;
    tmux('new-session', '-d', '-s', name, '-x', '120', '-y', String(rows), '-e', `NSLAB_STATE_DIR=${state}`, '-c', ROOT, command);
    sessions.push(name);
    return name;
  };
  try {
    await fn(open, state);
  } finally {
    for (const name of sessions) if (sessionExists(name)) tmux('kill-session', '-t', name);
    rmSync(state, { recursive: true, force: true });
  }
}

describeLabs('nslab TUI in a terminal', () => {
  it('opens the first lesson, runs a step, shows its output, quits, and leaves no lab behind', async () => {
    await inTerminal(async (open, state) => {
      const session = open();
      await waitForScreen(session, (s) => s.includes('Lessons') && s.includes('← next'), 'the home screen');
      tmux('send-keys', '-t', session, 'Enter');
      const lesson = await waitForScreen(session, (s) => s.includes('lab ready') && /step 1\/\d+/.test(s), 'the first lesson and its lab');
      expect(lesson).toContain('▶ step 1');
      const seen = labIdsUnder(panePid(session));
      expect(seen.length).toBe(1); // the lesson's lab exists while the lesson is open
      tmux('send-keys', '-t', session, 'Enter');
      const ran = await waitForScreen(session, (s) => /[✓✗] step 1 /.test(s), "the step's verdict");
      expect(ran).toMatch(/host \$ /);
      expect(ran).toContain('eth0'); // the first lesson's first step lists the host's devices
      expect(ran).toContain('✓ step 1 did what it should');
      tmux('send-keys', '-t', session, 'q');
      await waitForScreen(session, (s) => s.includes('← next') || s.includes('Lessons'), 'home again');
      tmux('send-keys', '-t', session, 'q');
      const until = Date.now() + 5000;
      while (sessionExists(session) && Date.now() < until) await sleep(50);
      expect(sessionExists(session), 'nslab should have exited and closed the tmux session').toBe(false);
      expect(labProcesses(seen)).toEqual([]);
      const progress = JSON.parse(readFileSync(join(state, 'progress.json'), 'utf8'));
      expect(Object.values(progress.lessons).map((l) => (l as { passed: string[] }).passed.length)).toEqual([1]);
    });
  });

  it('draws the live topology on t and follows the lab; Ctrl-C stops a running command, then quits', async () => {
    await inTerminal(async (open) => {
      const session = open(`${LAUNCH}; echo "exit=$?"; sleep 30`, 50);
      await waitForScreen(session, (s) => s.includes('← next'), 'the home screen');
      tmux('send-keys', '-t', session, 'Enter');
      await waitForScreen(session, (s) => s.includes('lab ready'), 'the lesson');
      const seen = labIdsUnder(panePid(session));
      expect(seen.length).toBe(1);
      tmux('send-keys', '-t', session, 't');
      const drawn = await waitForScreen(session, (s) => /┌─ host · ip_forward=0 ─+┐/.test(s), 'the topology');
      expect(drawn).toContain('eth0 172.16.0.2/16 ─ LAN (router 172.16.0.1)');
      // a command at the prompt changes the lab; the drawing follows
      tmux('send-keys', '-t', session, '$');
      await waitForScreen(session, (s) => s.includes('Esc back to keys'), 'the prompt');
      tmux('send-keys', '-t', session, '-l', 'ip netns add netns0; ip link add veth0 type veth peer name ceth0 netns netns0; ip addr add 172.18.0.11/16 dev veth0');
      tmux('send-keys', '-t', session, 'Enter');
      const grown = await waitForScreen(session, (s) => s.includes('┌─ netns0'), 'netns0 in the drawing');
      expect(grown).toContain('veth0 172.18.0.11/16 ◀━▶ netns0:ceth0 (down)');
      expect(grown).toContain('ceth0 (no address) ◀━▶ host:veth0 (down)');
      // a command that never ends on its own: Ctrl-C stops it, and only it
      tmux('send-keys', '-t', session, '-l', 'ping 127.0.0.1');
      tmux('send-keys', '-t', session, 'Enter');
      await waitForScreen(session, (s) => s.includes('running at host') && s.includes('icmp_seq=2'), 'ping to run');
      tmux('send-keys', '-t', session, 'C-c');
      const stopped = await waitForScreen(session, (s) => s.includes('(stopped with Ctrl-C)'), 'ping to stop');
      expect(stopped).not.toContain('running at host');
      expect(stopped).not.toContain('exit=');
      expect(labIdsUnder(panePid(session))).toEqual(seen); // the same lab, still there
      // nothing runs now: Ctrl-C quits and takes the lab with it
      tmux('send-keys', '-t', session, 'C-c');
      const after = await waitForScreen(session, (s) => s.includes('exit='), 'nslab to exit');
      expect(after).toContain('exit=0');
      expect(labProcesses(seen)).toEqual([]);
    });
  });

  it('Ctrl-C in the middle of a lesson destroys its lab and restores the terminal', async () => {
    await inTerminal(async (open) => {
      // The shell after nslab shows the terminal mode it got back: "-icanon" would mean raw mode leaked.
      const session = open(`${LAUNCH}; echo "exit=$?"; stty -a | grep -o -- "-\\?icanon"; sleep 30`);
      await waitForScreen(session, (s) => s.includes('← next'), 'the home screen');
      tmux('send-keys', '-t', session, 'Enter');
      await waitForScreen(session, (s) => s.includes('lab ready'), 'the lesson');
      const seen = labIdsUnder(panePid(session));
      expect(seen.length).toBe(1);
      tmux('send-keys', '-t', session, 'C-c');
      const after = await waitForScreen(session, (s) => /^icanon$/m.test(s) || /-icanon/.test(s), 'nslab to exit');
      expect(after).toMatch(/^icanon$/m);
      expect(after).toContain('exit=0');
      expect(labProcesses(seen)).toEqual([]);
    });
  });

  it('a newcomer solves a challenge with live checks, quits, and resumes where they left off', async () => {
    await inTerminal(async (open) => {
      // 1. open the netns challenge from the home list (lessons first, then challenges)
      const first = open(LAUNCH, 45);
      await waitForScreen(first, (s) => s.includes('← next'), 'the home screen');
      for (let i = 0; i < 9; i++) tmux('send-keys', '-t', first, 'j');
      await waitForScreen(first, (s) => /❯ · netns\s/.test(s), 'the netns challenge selected');
      tmux('send-keys', '-t', first, 'Enter');
      await waitForScreen(first, (s) => s.includes('lab ready') && s.includes('checks 0/3') && s.includes('there is no network namespace netns0'), 'the challenge, its lab and its failing checks');
      const seen = labIdsUnder(panePid(first));
      expect(seen.length).toBe(1);
      // 2. solve it with real commands; the checks follow each one
      tmux('send-keys', '-t', first, '$');
      await waitForScreen(first, (s) => s.includes('Esc back to keys'), 'the prompt');
      tmux('send-keys', '-t', first, '-l', 'ip netns add netns0');
      tmux('send-keys', '-t', first, 'Enter');
      await waitForScreen(first, (s) => s.includes('checks 1/3'), 'one check passing');
      tmux('send-keys', '-t', first, '-l', 'ip -n netns0 link set lo up');
      tmux('send-keys', '-t', first, 'Enter');
      await waitForScreen(first, (s) => s.includes('checks 3/3') && s.includes('Solved!'), 'the success card');
      // 3. quit: the lab goes, the progress stays
      await quitAll(first);
      expect(labProcesses(seen)).toEqual([]);
      // 4. come back: the challenge is marked done, the list shows progress
      const second = open(LAUNCH, 45);
      const total = readdirSync(join(ROOT, 'challenges')).filter((f) => f.endsWith('.md')).length;
      const home = await waitForScreen(second, (s) => s.includes(`challenges 1/${total}`), 'progress remembered');
      expect(home).toMatch(/✓ netns\s/);
      await quitAll(second);
    });
  });
});
