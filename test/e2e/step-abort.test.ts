// What Ctrl-C in the TUI does to a lesson step, on a real lab: runStep passes
// the abort signal down, the command and its children die, the result says so.
import { expect, it } from 'vitest';
import type { Step } from '../../src/content/types.js';
import { runStep } from '../../src/replay/steps.js';
import { describeLabs, withLab } from '../support/labs.js';

const step = (command: string, extra: Partial<Step> = {}): Step => ({
  id: 'long',
  index: 1,
  at: 'host',
  command,
  expect: { kind: 'ok' },
  timeoutMs: 20_000,
  source: { file: 'lessons/x.md', line: 1 },
  ...extra,
});

describeLabs('runStep with an abort signal', () => {
  it('stops a running step at once and leaves none of its processes', async () => {
    await withLab(async (lab) => {
      const abort = new AbortController();
      const chunks: string[] = [];
      const started = Date.now();
      const pending = runStep(lab, step('echo started; sleep 30 & sleep 31; echo never'), { signal: abort.signal, onOutput: (c) => chunks.push(c) });
      while (!chunks.join('').includes('started') && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 10));
      abort.abort();
      const outcome = await pending;
      expect(outcome.result.aborted).toBe(true);
      expect(outcome.result.output).toContain('started');
      expect(outcome.result.output).not.toContain('never');
      expect(Date.now() - started).toBeLessThan(3000);
      expect((await lab.run('pgrep -a sleep || true')).stdout).toBe('');
    });
  });

  it('passes the signal to a background step too', async () => {
    await withLab(async (lab) => {
      const abort = new AbortController();
      // waits for a port nothing will ever open: only the abort ends it early
      const pending = runStep(lab, step('sleep 40', { background: { ready: { host: '127.0.0.1', port: 9 } } }), { signal: abort.signal });
      setTimeout(() => abort.abort(), 300);
      const started = Date.now();
      const outcome = await pending;
      expect(outcome.result.aborted).toBe(true);
      expect(Date.now() - started).toBeLessThan(3000);
    });
  });
});
