// A lab's commands are bounded: wall-clock limit with the whole tree killed,
// output capped without buffering a flood, namespaces and nesting capped.
import { describe, expect, it } from 'vitest';
import { hostState } from '../support/host-state.js';
import { describeLabs, withLab } from '../support/labs.js';

describeLabs('limits on what runs in a lab', () => {
  it('kills a busy loop at its time limit', async () => {
    await withLab(async (lab) => {
      const started = Date.now();
      const r = await lab.run('while :; do :; done', { timeoutMs: 1000 });
      expect(r.timedOut).toBe(true);
      expect(Date.now() - started).toBeLessThan(3000);
      const ps = await lab.run('ps -eo args');
      expect(ps.stdout).not.toMatch(/while :/);
    });
  });

  it("kills the command's whole process tree on timeout, leaving the machine as it was", async () => {
    const before = hostState();
    await withLab(async (lab) => {
      const r = await lab.run('(sleep 301 &); sleep 302 & sleep 303', { timeoutMs: 500 });
      expect(r.timedOut).toBe(true);
      const ps = await lab.run('ps -eo args');
      expect(ps.stdout).not.toMatch(/sleep 30[123]/);
    });
    expect(hostState()).toEqual(before);
  });

  it('an isolated run takes even escaped daemons with it', async () => {
    await withLab(async (lab) => {
      const r = await lab.run('setsid sleep 304 & disown; sleep 305', { timeoutMs: 500, isolated: true });
      expect(r.timedOut).toBe(true);
      const ps = await lab.run('ps -eo args');
      expect(ps.stdout).not.toMatch(/sleep 30[45]/);
    });
  });

  it('cuts a 200 MB output flood without buffering it', async () => {
    await withLab(async (lab) => {
      const before = process.memoryUsage().rss;
      const r = await lab.run('head -c 200000000 /dev/zero | tr "\\0" x', { maxOutputBytes: 1 << 20, timeoutMs: 20000 });
      expect(r.truncated).toBe(true);
      expect(r.timedOut).toBe(false);
      expect(r.output.length).toBeLessThanOrEqual(1 << 20);
      expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    });
  });

  it('caps the network namespaces a lab may create', async () => {
    await withLab(async (lab) => {
      const r = await lab.run('for i in $(seq 1 100); do ip netns add n$i 2>/dev/null || { echo "stopped at $i"; exit 0; }; done; echo "all 100"');
      expect(r.stdout).toMatch(/stopped at \d+/);
      const at = Number(/stopped at (\d+)/.exec(r.stdout)?.[1]);
      expect(at).toBeGreaterThan(50);
      expect(at).toBeLessThanOrEqual(64);
    });
  });
});

describe('limits outside labs', () => {
  it('runBounded reports exit codes and signals', async () => {
    const { runBounded } = await import('../../src/lab/process.js');
    const r = await runBounded('bash', ['-c', 'echo out; echo err >&2; exit 7'], { env: { PATH: '/usr/bin:/bin' } });
    expect(r).toMatchObject({ exitCode: 7, stdout: 'out\n', stderr: 'err\n', timedOut: false, truncated: false });
  });
});

describeLabs('stopping a command', () => {
  it('an abort signal kills the command and its children at once', async () => {
    await withLab(async (lab) => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 300);
      const started = Date.now();
      const r = await lab.run('sleep 306 & sleep 307', { signal: controller.signal, timeoutMs: 20000 });
      expect(r.aborted).toBe(true);
      expect(r.timedOut).toBe(false);
      expect(Date.now() - started).toBeLessThan(2000);
      expect((await lab.run('ps -eo args')).stdout).not.toMatch(/sleep 30[67]/);
    });
  });
});
