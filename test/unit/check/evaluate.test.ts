// evaluateWith: one snapshot first, then probes scheduled safely; results in
// order; never throws.
import { describe, expect, it } from 'vitest';
import { evaluateWith, type CheckEnvironment } from '../../../src/check/evaluate.js';
import type { ProbeRunner } from '../../../src/check/probes.js';
import type { CheckResult, CheckSpec } from '../../../src/check/types.js';
import { fixtureSnapshot } from '../../support/inspect-fixtures.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Log {
  events: string[];
  running: Set<string>;
  overlaps: Array<[string, string]>;
  snapshots: Array<{ places: string[]; sysctls: string[] }>;
}

function env(over: Partial<ProbeRunner> = {}, extra: Partial<CheckEnvironment> = {}): { env: CheckEnvironment; log: Log } {
  const log: Log = { events: [], running: new Set(), overlaps: [], snapshots: [] };
  const track = async <T>(name: string, ms: number, value: T): Promise<T> => {
    for (const other of log.running) log.overlaps.push([other, name]);
    log.running.add(name);
    log.events.push(`start ${name}`);
    await sleep(ms);
    log.running.delete(name);
    log.events.push(`end ${name}`);
    return value;
  };
  const probes: ProbeRunner = {
    ping: (from, to) => track(`ping ${from} ${to}`, 20, { reply: true }),
    tcp: (from, host, port) => track(`tcp ${from} ${host}:${port}`, 20, { connected: true }),
    http: (from, url) => track(`http ${from} ${url}`, 20, { answered: true, status: 200, body: 'ok' }),
    sourceSeen: (from, to) => track(`source-seen ${from} ${to}`, 20, { reply: true, seen: ['172.16.0.2'] }),
    ...over,
  };
  return {
    log,
    env: {
      snapshot: async (places, sysctls) => {
        log.snapshots.push({ places, sysctls });
        log.events.push('snapshot');
        return fixtureSnapshot('docker');
      },
      probes,
      alive: () => true,
      ...extra,
    },
  };
}

const DOCKER_BRIDGE: CheckSpec[] = [
  { id: 'docker0', title: 'docker0 is a bridge', kind: 'link', at: 'host', name: 'docker0', type: 'bridge', up: true },
  { id: 'fwd', title: 'forwarding on', kind: 'sysctl', at: 'host', key: 'net.ipv4.conf.all.forwarding', value: '1' },
  { id: 'c1-c2', title: 'c1 pings c2', kind: 'ping', from: 'c1', to: '172.17.0.3', expect: 'ok' },
  { id: 'c1-out', title: 'c1 masqueraded', kind: 'source-seen', from: 'c1', to: '8.8.8.8', source: '172.16.0.2' },
  { id: 'c2-out', title: 'c2 masqueraded', kind: 'source-seen', from: 'c2', to: '8.8.8.8', source: '172.16.0.2' },
  { id: 'c2-dns', title: 'c2 pings the internet', kind: 'ping', from: 'c2', to: '1.1.1.1', expect: 'ok' },
  { id: 'client-c1', title: 'client reaches c1', kind: 'tcp', from: '@client', to: '172.16.0.2:5005', expect: 'ok', listen: { at: 'c1', port: 80 } },
  { id: 'host-c1', title: 'host reaches c1', kind: 'tcp', from: 'host', to: '172.16.0.2:5005', expect: 'ok', listen: { at: 'c1', port: 80 } },
  { id: 'client-c2', title: 'client cannot reach c2', kind: 'tcp', from: '@client', to: '172.17.0.3:80', expect: 'fail', listen: { at: 'c2', port: 80 } },
  { id: 'router', title: 'router forwards', kind: 'sysctl', at: '@router', key: 'net.ipv4.ip_forward', value: '1' },
];

describe('evaluateWith', () => {
  it('returns results in order, tells each as it is known, takes one snapshot before any probe', async () => {
    const { env: e, log } = env();
    const told: CheckResult[] = [];
    const results = await evaluateWith(e, DOCKER_BRIDGE, { onResult: (r) => told.push(r) });
    expect(results.map((r) => r.id)).toEqual(DOCKER_BRIDGE.map((c) => c.id));
    expect(told.map((r) => r.id).sort()).toEqual(DOCKER_BRIDGE.map((c) => c.id).sort());
    expect(log.snapshots).toEqual([{ places: ['host', '@router'], sysctls: ['net.ipv4.conf.all.forwarding', 'net.ipv4.ip_forward'] }]);
    expect(log.events[0]).toBe('snapshot');
    expect(results.find((r) => r.id === 'docker0')).toMatchObject({ passed: true, detail: '', title: 'docker0 is a bridge' });
    // the docker fixture has no @router: the check says so rather than throwing
    expect(results.find((r) => r.id === 'router')).toMatchObject({ passed: false, detail: 'the hidden machine @router was not inspected' });
    // expect: fail with a connection made → fails
    expect(results.find((r) => r.id === 'client-c2')).toMatchObject({ passed: false });
    for (const r of results) expect(r.durationMs).toBeTypeOf('number');
  });

  it('runs probes concurrently, but source-seen alone among what may reach the internet, and one test server per place:port at a time', async () => {
    const { env: e, log } = env();
    await evaluateWith(e, DOCKER_BRIDGE);
    const pairs = log.overlaps.map(([a, b]) => [a, b].sort().join(' | '));
    expect(pairs.length).toBeGreaterThan(0); // some probes did overlap
    for (const p of pairs) {
      expect(p).not.toMatch(/source-seen.*source-seen/);
      expect(p).not.toMatch(/ping c2 1\.1\.1\.1.*source-seen|source-seen.*ping c2 1\.1\.1\.1/);
      expect(p).not.toBe('tcp @client 172.16.0.2:5005 | tcp host 172.16.0.2:5005');
    }
    // a LAN ping may overlap a source-seen probe
    expect(pairs.some((p) => p.includes('ping c1 172.17.0.3') && p.includes('source-seen'))).toBe(true);
  });

  it('a dead lab fails every check without running anything', async () => {
    const { env: e, log } = env({}, { alive: () => false });
    const results = await evaluateWith(e, DOCKER_BRIDGE);
    expect(results.every((r) => !r.passed && r.detail === 'the lab is not running')).toBe(true);
    expect(log.events).toEqual([]);
  });

  it('a snapshot that fails fails the structure checks; probes still run', async () => {
    const { env: e } = env(
      {},
      {
        snapshot: async () => {
          throw new Error('boom');
        },
      },
    );
    const results = await evaluateWith(e, DOCKER_BRIDGE);
    expect(results.find((r) => r.id === 'docker0')).toMatchObject({ passed: false, detail: "could not read the lab's state: boom" });
    expect(results.find((r) => r.id === 'c1-c2')).toMatchObject({ passed: true });
  });

  it('a probe that throws fails its check; no snapshot without structure checks', async () => {
    const { env: e, log } = env({
      ping: async () => {
        throw new Error('nsenter vanished');
      },
    });
    const results = await evaluateWith(e, [DOCKER_BRIDGE[2]!, { id: 'x', title: 'odd', kind: 'nonsense' } as unknown as CheckSpec]);
    expect(results).toEqual([
      expect.objectContaining({ id: 'c1-c2', passed: false, detail: 'the check could not run: nsenter vanished' }),
      expect.objectContaining({ id: 'x', passed: false, detail: 'unknown check kind "nonsense"' }),
    ]);
    expect(log.snapshots).toEqual([]);
  });

  it('a throwing onResult listener does not break evaluation', async () => {
    const { env: e } = env();
    const results = await evaluateWith(e, DOCKER_BRIDGE.slice(0, 3), {
      onResult: () => {
        throw new Error('listener');
      },
    });
    expect(results).toHaveLength(3);
  });
});
