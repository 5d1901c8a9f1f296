// What a careless or hostile learner does inside a lab stays inside it.
// Every destructive script first proves it runs in its own user and PID
// namespaces (test/support/sandbox-guard.ts) and aborts otherwise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lab } from '../../src/lab/lab.js';
import { hostState } from '../support/host-state.js';
import { describeLabs, withLab } from '../support/labs.js';
import { guardPrologue, runDestructive } from '../support/sandbox-guard.js';

describe('the sandbox guard', () => {
  it('refuses to run outside a sandbox', async () => {
    // run the prologue on the real machine (harmless: it only reads /proc)
    const { runBounded } = await import('../../src/lab/process.js');
    const r = await runBounded('bash', ['-c', `${guardPrologue()}\necho would-run`], { env: { PATH: '/usr/bin:/bin' } });
    expect(r.exitCode).toBe(99);
    expect(r.stdout).not.toMatch(/would-run/);
  });
});

describeLabs('hostile commands in a lab', () => {
  let bystander: Lab;
  let before: ReturnType<typeof hostState>;
  beforeAll(async () => {
    before = hostState();
    // another lab running alongside must not notice anything
    bystander = await Lab.create();
  });
  afterAll(async () => {
    await bystander?.destroy();
    expect(hostState()).toEqual(before);
  });
  const bystanderFine = async () => {
    const r = await bystander.run('ping -c1 -W2 8.8.8.8 && ip link show eth0');
    expect(r.exitCode, r.output).toBe(0);
  };

  it('kill -9 -1 in an isolated run kills only its own processes', async () => {
    await withLab(async (lab) => {
      await lab.run('sleep 600 >/dev/null 2>&1 &');
      const r = await runDestructive(lab, 'sleep 500 & kill -9 -1; echo survived', { isolated: true, timeoutMs: 5000 });
      expect(r.timedOut).toBe(false);
      const ps = await lab.run('ps -eo args');
      expect(ps.stdout).toMatch(/sleep 600/); // the lab's own processes live on
      expect(ps.stdout).not.toMatch(/sleep 500/);
      expect((await lab.run('ping -c1 -W2 8.8.8.8')).exitCode).toBe(0);
    });
    await bystanderFine();
  });

  it('kill -9 -1 in the lab itself spares its PID 1', async () => {
    await withLab(async (lab) => {
      await runDestructive(lab, 'kill -9 -1', { timeoutMs: 5000 });
      expect(lab.alive).toBe(true);
      expect((await lab.run('ip -br link show eth0')).exitCode).toBe(0);
    });
    await bystanderFine();
  });

  it('a fork storm is bounded and killed at its time limit', async () => {
    await withLab(async (lab) => {
      const started = Date.now();
      const r = await runDestructive(lab, 'bomb() { bomb | bomb & }; bomb; sleep 10', { isolated: true, timeoutMs: 3000 });
      expect(r.timedOut || r.exitCode !== 0).toBe(true);
      expect(Date.now() - started).toBeLessThan(15000);
      // the storm's processes die with its process space; give the lab's
      // PID 1 a moment to reap them
      let count = Infinity;
      for (let i = 0; i < 30 && count >= 20; i++) {
        count = Number((await lab.run('ps -e --no-headers | wc -l')).stdout.trim());
        if (count >= 20) await new Promise((r) => setTimeout(r, 100));
      }
      expect(count).toBeLessThan(20);
    });
    await bystanderFine();
  });

  it('deleting eth0 and writing net sysctls changes only the lab', async () => {
    await withLab(async (lab) => {
      const r = await runDestructive(
        lab,
        `ip link del eth0; echo 1 > /proc/sys/net/ipv4/ip_forward; echo 0 > /proc/sys/net/bridge/bridge-nf-call-iptables
         echo 1 > /proc/sys/net/ipv4/conf/all/proxy_arp; iptables -P INPUT DROP; echo done`,
      );
      expect(r.stdout).toMatch(/done/);
      expect((await lab.run('ip link show eth0')).exitCode).not.toBe(0);
    });
    expect(hostState()).toEqual(before);
    await bystanderFine();
  });

  it('filling the lab tmpfs stops at its size', async () => {
    await withLab(async (lab) => {
      const r = await runDestructive(lab, 'dd if=/dev/zero of=/tmp/fill bs=1M count=200 2>&1; du -sm /tmp/fill', { timeoutMs: 10000 });
      expect(r.output).toMatch(/No space left on device/);
      expect(Number(/(\d+)\s+\/tmp\/fill/.exec(r.stdout)?.[1])).toBeLessThanOrEqual(64);
    });
  });
});

describeLabs('escape attempts fail', () => {
  it('cannot reach namespaces outside the lab', async () => {
    await withLab(async (lab) => {
      const r = await lab.run(
        `mkdir -p /tmp/p && mount -t proc proc /tmp/p && ls /tmp/p | grep -c '^[0-9]'
         nsenter --net=/proc/${process.pid}/ns/net true && echo ENTERED`,
      );
      // even a /proc of its own shows only the lab's few processes, not ours
      const [procs] = r.stdout.trim().split('\n');
      expect(Number(procs)).toBeGreaterThan(0);
      expect(Number(procs)).toBeLessThan(20);
      expect(r.stdout).not.toMatch(/ENTERED/);
    });
  });

  it('cannot create interfaces on the real machine', async () => {
    const before = hostState();
    await withLab(async (lab) => {
      await lab.run('ip link add nslabescape0 type dummy; ip link add nslabescape1 netns 1 type dummy; ip link set lo netns 1; true');
    });
    expect(hostState().links.some((l) => l.includes('nslabescape'))).toBe(false);
    expect(hostState()).toEqual(before);
  });

  it('cannot nest user namespaces to regain privileges', async () => {
    await withLab(async (lab) => {
      const r = await lab.run('unshare --user --map-root-user true; echo $?; unshare --user --net true; echo $?');
      expect(r.stdout.trim().split('\n')).toEqual(['1', '1']);
    });
  });
});

describeLabs('many labs at once', () => {
  it('16 labs building the same names are all isolated and correct', async () => {
    const labs = await Promise.all(Array.from({ length: 16 }, () => Lab.create()));
    try {
      const results = await Promise.all(
        labs.map((lab, i) =>
          lab.run(
            `ip netns add netns0 && ip link add br0 type bridge && ip link add veth0 type veth peer name ceth0 &&
             ip link set ceth0 netns netns0 && ip link set veth0 master br0 && ip link set br0 up && ip link set veth0 up &&
             ip addr add 172.18.0.1/16 dev br0 && ip netns exec netns0 ip addr add 172.18.${i}.10/16 dev ceth0 &&
             ip netns exec netns0 ip link set ceth0 up && ping -c1 -W2 172.18.${i}.10 >/dev/null && ip -4 -o addr show dev br0 | wc -l &&
             ip netns list`,
            { timeoutMs: 20000 },
          ),
        ),
      );
      results.forEach((r, i) => {
        expect(r.exitCode, `lab ${i}: ${r.output}`).toBe(0);
        expect(r.output).not.toMatch(/File exists|Device or resource busy/);
        expect(r.stdout.trim().split('\n').map((l) => l.split(' ')[0])).toEqual(['1', 'netns0']);
      });
      // each lab sees only its own container address
      const seen = await Promise.all(labs.map((lab) => lab.run('ip netns exec netns0 ip -4 -o addr show dev ceth0')));
      seen.forEach((r, i) => expect(r.stdout).toMatch(new RegExp(`172\\.18\\.${i}\\.10/16`)));
    } finally {
      await Promise.all(labs.map((l) => l.destroy()));
    }
  });
});
