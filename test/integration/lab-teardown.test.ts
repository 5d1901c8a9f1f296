// Destroying a lab leaves nothing on the real machine: not after a normal
// destroy, not after Ctrl-C, not after SIGKILL of nslab itself.
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { Lab } from '../../src/lab/lab.js';
import { PACKAGE_ROOT } from '../../src/lab/paths.js';
import { alive, descendants, hostState, labProcesses, waitUntil } from '../support/host-state.js';
import { describeLabs } from '../support/labs.js';

const BUSY = `ip netns add netns0; ip netns add netns1
  ip link add br0 type bridge; ip link set br0 up
  ip link add veth0 type veth peer name ceth0; ip link set ceth0 netns netns0; ip link set veth0 master br0
  echo 1 > /proc/sys/net/ipv4/ip_forward
  iptables -t nat -A POSTROUTING -s 172.18.0.0/16 ! -o br0 -j MASQUERADE
  nft add table inet leftover
  ip netns exec netns0 sleep 600 &`;

describeLabs('teardown', () => {
  it('destroy leaves the real machine as it was', async () => {
    const before = hostState();
    const lab = await Lab.create();
    const r = await lab.run(`${BUSY}\necho done`, { timeoutMs: 10000 });
    expect(r.stdout).toMatch(/done/);
    const inside = await lab.run('ip -o link show; ps -eo pid= | wc -l');
    expect(inside.stdout).toMatch(/br0/);
    await lab.destroy();
    expect(alive(lab.pid)).toBe(false);
    expect(labProcesses([lab.id])).toEqual([]);
    expect(hostState()).toEqual(before);
  });

  it('SIGKILL of nslab ends its lab and everything in it', async () => {
    const before = hostState();
    const child = spawn('node', [`${PACKAGE_ROOT}/bin/nslab.js`, 'shell', '-q', '-c', `${BUSY}\necho started; sleep 600`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('started') && resolve());
      child.once('exit', () => reject(new Error('nslab exited early')));
    });
    const tree = descendants(child.pid!);
    expect(tree.length).toBeGreaterThan(3);
    child.kill('SIGKILL');
    expect(await waitUntil(() => tree.every((pid) => !alive(pid)), 5000)).toBe(true);
    expect(hostState()).toEqual(before);
  });

  it('Ctrl-C in `nslab shell` ends the lab', async () => {
    const before = hostState();
    const child = spawn('node', [`${PACKAGE_ROOT}/bin/nslab.js`, 'shell', '-q', '-c', `${BUSY}\necho started; sleep 600`], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, like a terminal's foreground job
    });
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('started') && resolve()));
    const tree = descendants(child.pid!);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    process.kill(-child.pid!, 'SIGINT'); // what the terminal does on Ctrl-C
    const code = await exited;
    expect(code).not.toBe(0);
    expect(await waitUntil(() => tree.every((pid) => !alive(pid)), 5000)).toBe(true);
    expect(hostState()).toEqual(before);
  });

  it('a lab that fails to build leaves nothing either', async () => {
    const before = hostState();
    // 1 network namespace allowed: the hidden machines cannot be created
    await expect(Lab.create({ maxNetns: 1 })).rejects.toThrow(/failed to start/);
    expect(hostState()).toEqual(before);
  });

  it('two labs at once each have their own netns0 and br0', async () => {
    const [a, b] = await Promise.all([Lab.create(), Lab.create()]);
    try {
      const build = (addr: string) => `ip netns add netns0; ip link add br0 type bridge; ip addr add ${addr}/16 dev br0; ip link set br0 up`;
      const [ra, rb] = await Promise.all([a.run(build('172.18.0.1')), b.run(build('172.18.0.2'))]);
      expect(ra.exitCode, ra.output).toBe(0);
      expect(rb.exitCode, rb.output).toBe(0);
      expect((await a.run('ip -4 -br addr show br0')).stdout).toMatch(/172\.18\.0\.1\//);
      expect((await b.run('ip -4 -br addr show br0')).stdout).toMatch(/172\.18\.0\.2\//);
      expect((await a.run('ping -c1 -W1 172.18.0.2')).exitCode).not.toBe(0);
      expect((await a.run('ip netns list')).stdout.trim()).toBe('netns0');
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
    }
  });
});
