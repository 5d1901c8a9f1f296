import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drawTopology, flow, box, type TopologyModel } from '../../src/ui/topology.js';
import { parseTopology } from '../../src/ui/topology-read.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/ui/${name}`, import.meta.url), 'utf8');

describe('parseTopology (recorded lab output)', () => {
  it('reads a bridge with two containers: ports, peers, addresses, routes', () => {
    const model = parseTopology(fixture('topology-bridge.txt'));
    expect(model.nodes.map((n) => n.name)).toEqual(['host', 'netns0', 'netns1']);
    expect(model.ipForward).toBe(false);
    const host = model.nodes[0]!;
    const br0 = host.interfaces.find((i) => i.name === 'br0');
    expect(br0).toMatchObject({ kind: 'bridge', up: true, addresses: ['172.18.0.1/16'] });
    expect(host.interfaces.find((i) => i.name === 'veth0')).toMatchObject({ kind: 'veth', master: 'br0', peer: { node: 'netns0', name: 'ceth0' } });
    expect(host.interfaces.find((i) => i.name === 'veth1')?.peer).toEqual({ node: 'netns1', name: 'ceth1' });
    // eth0's other end is the hidden router: not a learner node, so no peer.
    expect(host.interfaces.find((i) => i.name === 'eth0')?.peer).toBeUndefined();
    const ns0 = model.nodes[1]!;
    expect(ns0.interfaces.find((i) => i.name === 'ceth0')).toMatchObject({ addresses: ['172.18.0.10/16'], up: true, peer: { node: 'host', name: 'veth0' } });
    expect(ns0.routes).toContain('default via 172.18.0.1 dev ceth0');
  });

  it('reads a fresh lab: host only', () => {
    const model = parseTopology(fixture('topology-fresh.txt'));
    expect(model.nodes.map((n) => n.name)).toEqual(['host']);
    expect(model.nodes[0]!.interfaces.find((i) => i.name === 'eth0')?.addresses).toEqual(['172.16.0.2/16']);
  });

  it('survives garbage', () => {
    expect(parseTopology('@@node host\nnot json\n@@forward\n1\n')).toEqual({ nodes: [{ name: 'host', interfaces: [], routes: [] }], ipForward: true });
  });
});

describe('drawTopology', () => {
  it('draws the bridge topology: host box with bridge ports, a box per namespace, links', () => {
    const lines = drawTopology(parseTopology(fixture('topology-bridge.txt')), 100);
    const text = lines.join('\n');
    expect(text).toMatchSnapshot();
    expect(lines[0]).toMatch(/^┌─ host · ip_forward=0 ─+┐$/);
    expect(text).toContain('br0 [bridge] 172.18.0.1/16');
    expect(text).toContain(' ├ veth0 ◀━▶ netns0:ceth0');
    expect(text).toContain(' └ veth1 ◀━▶ netns1:ceth1');
    expect(text).toMatch(/┌─ netns0 ─+┐ +┌─ netns1 ─+┐/);
    expect(text).toContain('ceth0 172.18.0.10/16 ◀━▶ host:veth0');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('marks what is down and what has no address (route-clash state)', () => {
    const text = drawTopology(parseTopology(fixture('topology-route-clash.txt')), 100).join('\n');
    expect(text).toContain('veth0 172.18.0.11/16 ◀━▶ netns0:ceth0');
    expect(text).toContain('veth1 172.18.0.21/16 ◀━▶ netns1:ceth1');
    expect(text).toContain('lo (down)'); // the namespaces' loopback was never brought up
    expect(text).toContain('↪ 172.18.0.0/16 dev veth0');
    expect(text).toContain('↪ 172.18.0.0/16 dev veth1');
  });

  it('says how to start when there are no namespaces', () => {
    const model: TopologyModel = { nodes: [{ name: 'host', interfaces: [{ name: 'lo', kind: 'loopback', up: true, addresses: ['127.0.0.1/8'] }] }] };
    expect(drawTopology(model).join('\n')).toContain('ip netns add NAME');
  });

  it('wraps namespace boxes into rows that fit the width', () => {
    const b = box('x', ['a'.repeat(30)]);
    const rows = flow([b, b, b], 70);
    expect(rows.length).toBe(b.length * 2);
    for (const r of rows) expect(r.length).toBeLessThanOrEqual(70);
  });
});
