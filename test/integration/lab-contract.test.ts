// DESIGN.md §1, row by row, checked from outside a real lab.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lab } from '../../src/lab/lab.js';
import { describeLabs } from '../support/labs.js';

let lab: Lab;
const sh = async (script: string, at?: Parameters<Lab['run']>[1]) => {
  const r = await lab.run(script, { timeoutMs: 15000, ...at });
  return r;
};
const ok = async (script: string, opts?: Parameters<Lab['run']>[1]) => {
  const r = await sh(script, opts);
  expect(r.exitCode, `${script}\n${r.output}`).toBe(0);
  return r.stdout;
};

describeLabs('the lab contract (DESIGN.md §1)', () => {
  // One lab for the whole contract: the rows that change state use names
  // no other row looks at.
  beforeAll(async () => {
    lab = await Lab.create();
  });
  afterAll(async () => {
    await lab?.destroy();
  });

  describe("the learner's host", () => {
    it('is called host', async () => {
      expect((await ok('hostname')).trim()).toBe('host');
    });
    it('has lo up and eth0 172.16.0.2/16', async () => {
      const links = JSON.parse(await ok('ip -json addr show'));
      const lo = links.find((l: { ifname: string }) => l.ifname === 'lo');
      const eth0 = links.find((l: { ifname: string }) => l.ifname === 'eth0');
      expect(lo.flags).toContain('UP');
      expect(eth0.flags).toContain('UP');
      expect(eth0.addr_info.filter((a: { family: string }) => a.family === 'inet')).toEqual([
        expect.objectContaining({ local: '172.16.0.2', prefixlen: 16 }),
      ]);
      expect(links.map((l: { ifname: string }) => l.ifname).sort()).toEqual(['eth0', 'lo']);
    });
    it('routes by default via 172.16.0.1', async () => {
      const routes = JSON.parse(await ok('ip -json route show'));
      expect(routes).toContainEqual(expect.objectContaining({ dst: 'default', gateway: '172.16.0.1', dev: 'eth0' }));
    });
    it('starts with empty iptables and ACCEPT policies', async () => {
      expect((await ok('iptables -S')).trim().split('\n')).toEqual(['-P INPUT ACCEPT', '-P FORWARD ACCEPT', '-P OUTPUT ACCEPT']);
      expect((await ok('iptables -t nat -S')).trim().split('\n').every((l) => l.startsWith('-P ') && l.endsWith(' ACCEPT'))).toBe(true);
      expect((await ok('nft list ruleset')).replace(/table ip (filter|nat) \{[^]*?\n\}\n?/g, '').trim()).toBe('');
    });
    it('has ip_forward 0 and bridge-nf-call-iptables 1', async () => {
      expect((await ok('cat /proc/sys/net/ipv4/ip_forward')).trim()).toBe('0');
      expect((await ok('cat /proc/sys/net/bridge/bridge-nf-call-iptables')).trim()).toBe('1');
    });
    it('accepts `modprobe br_netfilter` from the article as harmless', async () => {
      await ok('modprobe br_netfilter');
      const r = await sh('modprobe not_a_module');
      expect(r.exitCode).not.toBe(0);
      expect(r.stderr).toMatch(/not available in this lab/);
    });
    it('lists no namespaces: the hidden machines stay hidden', async () => {
      expect((await ok('ip netns list')).trim()).toBe('');
    });
  });

  describe('the upstream router and the internet', () => {
    it('8.8.8.8 answers ping from the host', async () => {
      expect(await ok('ping -c 1 -W 2 8.8.8.8')).toMatch(/1 received/);
    });
    it('8.8.8.8 answers DNS fast: A, NXDOMAIN, PTR', async () => {
      expect(await ok('getent hosts example.com')).toMatch(/^93\.184\.216\.34\s+example\.com/);
      const started = Date.now();
      const r = await sh('getent hosts no-such-name.example');
      expect(r.exitCode).toBe(2); // not found, answered rather than timed out
      expect(Date.now() - started).toBeLessThan(500);
      expect(await ok('python3 -c "import socket; print(socket.gethostbyaddr(\'8.8.8.8\')[0])"')).toMatch(/dns\.google/);
    });
    it('the router has no route to container subnets', async () => {
      const routes = await ok('ip route show', { at: { kind: 'machine', name: 'router' } });
      expect(routes).not.toMatch(/172\.1[7-9]\./);
      expect(routes).toMatch(/^default via/m);
    });
  });

  describe('NAT is what gets containers answers', () => {
    it('a container behind a bridge gets no reply without masquerade, and one with it', async () => {
      await ok(`ip netns add nat0; ip link add brnat type bridge; ip addr add 172.19.0.1/16 dev brnat; ip link set brnat up
        ip link add vnat0 type veth peer name cnat0; ip link set cnat0 netns nat0; ip link set vnat0 master brnat; ip link set vnat0 up
        ip -n nat0 link set lo up; ip -n nat0 link set cnat0 up; ip -n nat0 addr add 172.19.0.10/16 dev cnat0
        ip -n nat0 route add default via 172.19.0.1; echo 1 > /proc/sys/net/ipv4/ip_forward`);
      const seen = async () =>
        (await ok('nft -j list set inet nslab seen', { at: { kind: 'machine', name: 'internet' } })).match(/172\.(16\.0\.2|19\.0\.10)/g) ?? [];
      await ok('nft flush set inet nslab seen', { at: { kind: 'machine', name: 'internet' } });
      const without = await sh('ping -c 1 -W 1 8.8.8.8', { at: { kind: 'netns', name: 'nat0' } });
      expect(without.exitCode).not.toBe(0);
      expect(await seen()).toEqual(['172.19.0.10']); // it got there, unanswerable
      await ok('nft flush set inet nslab seen', { at: { kind: 'machine', name: 'internet' } });
      await ok('iptables -t nat -A POSTROUTING -s 172.19.0.0/16 ! -o brnat -j MASQUERADE');
      expect(await ok('ping -c 1 -W 2 8.8.8.8', { at: { kind: 'netns', name: 'nat0' } })).toMatch(/1 received/);
      expect(await seen()).toEqual(['172.16.0.2']);
    });
  });

  describe('the outside client', () => {
    it('is 172.16.0.100 on the LAN and reaches the host', async () => {
      expect(await ok('ip -4 -br addr show eth0', { at: { kind: 'machine', name: 'client' } })).toMatch(/172\.16\.0\.100\/16/);
      expect(await ok('ping -c 1 -W 2 172.16.0.2', { at: { kind: 'machine', name: 'client' } })).toMatch(/1 received/);
    });
  });

  describe('name lookups', () => {
    it("use the lab's own resolv.conf and hosts", async () => {
      expect(await ok('cat /etc/resolv.conf')).toMatch(/^nameserver 8\.8\.8\.8$/m);
      expect(await ok('cat /etc/hosts')).toMatch(/172\.16\.0\.2\s+host/);
    });
    it('python http.server in a container starts in well under a second', async () => {
      await ok(`ip netns add web; ip link add veth9 type veth peer name ceth9; ip link set ceth9 netns web
        ip addr add 172.18.0.1/16 dev veth9; ip link set veth9 up
        ip netns exec web sh -c 'ip link set lo up; ip link set ceth9 up; ip addr add 172.18.0.10/16 dev ceth9; ip route add default via 172.18.0.1'`);
      const r = await ok(`start=$(date +%s%N)
        ip netns exec web python3 -m http.server --bind 172.18.0.10 5000 >/tmp/web.log 2>&1 &
        until curl -s -o /dev/null --max-time 1 http://172.18.0.10:5000/; do sleep 0.02; done
        echo $(( ($(date +%s%N) - start) / 1000000 ))
        kill %1`);
      expect(Number(r.trim())).toBeLessThan(1000);
    });
  });

  describe('privileges', () => {
    it('runs in its own user namespace: lab root is not real root', async () => {
      const map = (await ok('cat /proc/self/uid_map')).trim().split(/\s+/).map(Number);
      expect(map[0]).toBe(0);
      if (process.getuid?.() === 0) expect(map[1]).not.toBe(0); // root of the lab is an unprivileged uid outside
      expect(map[2]).toBe(1);
    });
    it("cannot see or enter the real machine's namespaces", async () => {
      // our own PID is invisible inside the lab, and its namespace unreachable
      const r = await sh(`nsenter --net=/proc/${process.pid}/ns/net true`);
      expect(r.exitCode).not.toBe(0);
      const pids = (await ok('ls /proc | grep -E "^[0-9]+$" | sort -n')).trim().split('\n').map(Number);
      expect(Math.max(...pids)).toBeLessThan(1000);
      expect(pids).toContain(1);
    });
    it('cannot create nested user namespaces, even after raising the limit', async () => {
      const r = await sh('echo 100 > /proc/sys/user/max_user_namespaces; unshare --user true');
      expect(r.exitCode).not.toBe(0);
      expect(r.stderr).toMatch(/No space left on device|Operation not permitted/);
    });
    it('cannot write files of the real machine', async () => {
      const r = await sh('touch /etc/nslab-must-not-exist');
      expect(r.exitCode).not.toBe(0);
      const { existsSync } = await import('node:fs');
      expect(existsSync('/etc/nslab-must-not-exist')).toBe(false);
    });
  });
});

describeLabs('where nslab is installed', () => {
  for (const base of ['/tmp', '/root']) {
    it(`works from under ${base}, which the lab covers with its own`, async () => {
      const { cpSync, mkdtempSync, rmSync } = await import('node:fs');
      const { LAB_SCRIPTS } = await import('../../src/lab/paths.js');
      const dir = mkdtempSync(`${base}/nslab-install-`);
      try {
        cpSync(LAB_SCRIPTS, `${dir}/sh`, { recursive: true });
        const other = await Lab.create({ scripts: `${dir}/sh` });
        try {
          const r = await other.run('hostname; getent hosts example.com; modprobe br_netfilter && echo modprobe-ok');
          expect(r.stdout).toMatch(/^host\n93\.184\.216\.34\s+example\.com\nmodprobe-ok\n$/);
        } finally {
          await other.destroy();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
