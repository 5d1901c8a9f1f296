// `nslab topo --lab ID` draws a lab that another process runs (as `nslab shell`
// does), through the inspect layer's snapshot, and leaves that lab running.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { describeLabs, withLab } from '../support/labs.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const run = promisify(execFile);

async function topo(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run('node', [join(ROOT, 'bin/nslab.js'), 'topo', ...args], { cwd: ROOT, env: { ...process.env, CI: '' } });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

describeLabs('nslab topo', () => {
  it('draws a running lab by its id: bridge, ports, veth links, addresses; the lab keeps running', async () => {
    expect(existsSync(join(ROOT, 'dist/cli.js')), 'run `npm run build` first').toBe(true);
    await withLab(async (lab) => {
      const r = await lab.run(`set -e
ip link add br0 type bridge
ip link set br0 up
ip addr add 172.18.0.1/16 dev br0
for i in 0 1; do
  ip netns add netns$i
  ip link add veth$i type veth peer name ceth$i netns netns$i
  ip link set veth$i master br0 up
  ip -n netns$i link set ceth$i up
  ip -n netns$i addr add 172.18.0.$((i + 1))0/16 dev ceth$i
done`);
      expect(r.output).toBe('');
      const { stdout, code } = await topo('--lab', lab.id, '--width', '100');
      expect(code).toBe(0);
      expect(stdout).toMatch(/^┌─ host · ip_forward=0 ─+┐$/m);
      expect(stdout).toContain('br0 [bridge] 172.18.0.1/16');
      expect(stdout).toContain(' ├ veth0 ◀━▶ netns0:ceth0');
      expect(stdout).toContain(' └ veth1 ◀━▶ netns1:ceth1');
      expect(stdout).toMatch(/┌─ netns0 ─+┐ +┌─ netns1 ─+┐/);
      expect(stdout).toContain('ceth0 172.18.0.10/16 ◀━▶ host:veth0');
      expect(stdout).toContain('ceth1 172.18.0.20/16 ◀━▶ host:veth1');
      for (const line of stdout.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(100);
      expect(lab.alive).toBe(true);
      expect((await lab.run('ip netns list')).stdout).toContain('netns1');
    });
  });

  it('says what to do when there is no such lab', async () => {
    const { stderr, code } = await topo('--lab', 'deadbeef');
    expect(code).not.toBe(0);
    expect(stderr).toContain('no running lab with id "deadbeef"');
    expect(stderr).toContain('nslab shell');
  });
});
