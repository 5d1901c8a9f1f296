// TUI first frame and memory, measured the way a person sees them: the real
// program in a tmux pane. First frame = time until the pane shows the home
// screen; RSS = the node process's resident memory with a lesson open.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PACKAGE_ROOT } from '../lab/paths.js';
import { median } from './measure.js';

const tmux = (...args: string[]): string => execFileSync('tmux', args, { encoding: 'utf8' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    if (cond()) return true;
    await sleep(5);
  }
  return false;
}

function rssOfTree(pid: number): number {
  // the pane's shell runs node directly (exec), so pid is node
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

export async function measureTui(runs: number): Promise<{ firstFrameMs: number; rssMiB: number }> {
  const frames: number[] = [];
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    const state = mkdtempSync(`${tmpdir()}/nslab-bench-`);
    const session = `nslab-bench-${process.pid}-${i}`;
    try {
      const t0 = performance.now();
      tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', `exec env -u CI NSLAB_STATE_DIR=${state} node ${PACKAGE_ROOT}/bin/nslab.js`);
      // the home screen proper (the lesson list with its cursor), not the early "starting" line
      const shown = await until(() => /Lessons[^]*❯/.test(tmux('capture-pane', '-p', '-t', session)), 5000);
      if (!shown) throw new Error('the home screen did not appear within 5 s');
      frames.push(performance.now() - t0);
      if (i === 0) {
        const pid = Number(tmux('list-panes', '-t', session, '-F', '#{pane_pid}').trim());
        tmux('send-keys', '-t', session, 'Enter');
        await sleep(1500); // the lesson opens and its lab is built
        rss = rssOfTree(pid);
      }
    } finally {
      try {
        tmux('kill-session', '-t', session);
      } catch {
        // already gone
      }
      rmSync(state, { recursive: true, force: true });
    }
  }
  return { firstFrameMs: median(frames), rssMiB: rss };
}
