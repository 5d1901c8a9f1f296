// SIGKILL nslab at many points of a lab's life — while the lab is being
// built, while a command runs, while it is destroyed — and the real machine
// is left exactly as it was, with no lab process alive.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/lab/paths.js';
import { alive, descendants, hostState, waitUntil } from '../support/host-state.js';
import { describeLabs } from '../support/labs.js';

const SCRIPT = `ip netns add netns0; ip link add br0 type bridge; ip link set br0 up
  ip link add veth0 type veth peer name ceth0; ip link set ceth0 netns netns0
  iptables -t nat -A POSTROUTING -s 172.18.0.0/16 -j MASQUERADE; echo 1 > /proc/sys/net/ipv4/ip_forward
  ip netns exec netns0 python3 -m http.server 8000 >/dev/null 2>&1 &
  sleep 0.05; ping -c 3 -i 0.2 8.8.8.8 >/dev/null`;

/** Spawn nslab with args, kill it with SIGKILL after `ms`, and check nothing is left. */
export async function killAt(args: string[], ms: number): Promise<void> {
  const before = hostState();
  const child = spawn('node', [`${PACKAGE_ROOT}/bin/nslab.js`, ...args], { stdio: 'ignore' });
  const seen = new Set<number>();
  const deadline = performance.now() + ms;
  // collect every process nslab starts until the moment we kill it
  while (performance.now() < deadline) {
    for (const pid of descendants(child.pid!)) seen.add(pid);
    await new Promise((r) => setTimeout(r, 2));
  }
  for (const pid of descendants(child.pid!)) seen.add(pid);
  child.kill('SIGKILL');
  const gone = await waitUntil(() => [...seen].every((pid) => !alive(pid)), 5000);
  const survivors = [...seen].filter((pid) => alive(pid)).map((pid) => {
    try {
      return `${pid}: ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')}`;
    } catch {
      return String(pid);
    }
  });
  expect(gone, `processes left after SIGKILL at ${ms} ms: ${survivors.join('; ')}`).toBe(true);
  expect(hostState()).toEqual(before);
}

describeLabs('SIGKILL of nslab at any point', () => {
  for (const ms of [5, 20, 40, 60, 90, 150, 300, 600]) {
    it(`leaves nothing when killed ${ms} ms after start`, async () => {
      await killAt(['shell', '-q', '-c', SCRIPT], ms);
    });
  }
});

describeLabs('SIGKILL of `nslab grade` at any point', () => {
  // lab creation, challenge setup, the running solution, the checks, teardown
  for (const ms of [30, 120, 250, 500, 800, 1200]) {
    it(`leaves nothing when killed ${ms} ms into grading docker-bridge`, async () => {
      const { loadContent } = await import('../../src/content/index.js');
      const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
      const challenge = (await loadContent()).challenges.find((c) => c.id === 'docker-bridge');
      expect(challenge, 'the docker-bridge challenge').toBeDefined();
      const dir = mkdtempSync('/tmp/nslab-kill-');
      try {
        writeFileSync(`${dir}/solution.sh`, `${challenge!.solution}\nsleep 0.3\n`);
        await killAt(['grade', 'docker-bridge', `${dir}/solution.sh`, '--format', 'json'], ms);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
