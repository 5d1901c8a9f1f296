// The topology drawing from real snapshots: fixtures recorded from labs by
// test/fixtures/ui/record.mjs, parsed by the inspect layer, drawn by the UI.
import { describe, expect, it } from 'vitest';
import { topologyView, drawTopology, flow, box } from '../../src/ui/topology.js';
import { recordedSnapshot } from './fakes.js';

const view = (name: string) => topologyView(recordedSnapshot(name));

describe('topologyView (recorded snapshots)', () => {
  it('takes the graph from the inspect layer, plus main-table routes and ip_forward', () => {
    const v = view('bridge');
    expect(v.topology.nodes.map((n) => n.id)).toEqual(['host', 'netns0', 'netns1']);
    expect(v.ipForward).toBe(false);
    expect(v.problems).toEqual([]);
    expect(v.topology.edges).toEqual(
      expect.arrayContaining([
        { kind: 'bridge', node: 'host', bridge: 'br0', port: 'veth0' },
        { kind: 'bridge', node: 'host', bridge: 'br0', port: 'veth1' },
        { kind: 'veth', a: { node: 'host', iface: 'veth0' }, b: { node: 'netns0', iface: 'ceth0' } },
        { kind: 'veth', a: { node: 'host', iface: 'veth1' }, b: { node: 'netns1', iface: 'ceth1' } },
        { kind: 'external', a: { node: 'host', iface: 'eth0' } },
      ]),
    );
    expect(v.routes.netns0).toContain('default via 172.18.0.1 dev ceth0');
    expect(v.routes.host).toContain('172.18.0.0/16 dev br0');
    // the local table (the kernel's own per-address routes) would only be noise
    expect(v.routes.host!.some((r) => r.startsWith('127.'))).toBe(false);
  });

  it('reads a fresh lab: the host only', () => {
    const v = view('fresh');
    expect(v.topology.nodes.map((n) => n.id)).toEqual(['host']);
    expect(v.topology.nodes[0]!.interfaces.find((i) => i.name === 'eth0')?.addresses).toEqual(['172.16.0.2/16']);
    expect(v.routes.host).toContain('default via 172.16.0.1 dev eth0');
  });

  it('reports places and sections that could not be read', () => {
    const snapshot = recordedSnapshot('bridge');
    snapshot.places.netns1!.errors.links = 'ip link show: Cannot open netlink socket';
    snapshot.missing.ghost = 'ghost does not exist';
    const lines = drawTopology(topologyView(snapshot));
    expect(lines).toContain('! could not read netns1: links: ip link show: Cannot open netlink socket');
    expect(lines).toContain('! could not read ghost: ghost does not exist');
  });
});

describe('drawTopology', () => {
  it('draws the bridge topology: host box with bridge ports, a box per namespace, links', () => {
    const lines = drawTopology(view('bridge'), 100);
    const text = lines.join('\n');
    expect(text).toMatchSnapshot();
    expect(lines[0]).toMatch(/^┌─ host · ip_forward=0 ─+┐$/);
    expect(text).toContain('eth0 172.16.0.2/16 ─ LAN (router 172.16.0.1)');
    expect(text).toContain('br0 [bridge] 172.18.0.1/16');
    expect(text).toContain(' ├ veth0 ◀━▶ netns0:ceth0');
    expect(text).toContain(' └ veth1 ◀━▶ netns1:ceth1');
    expect(text).toMatch(/┌─ netns0 ─+┐ +┌─ netns1 ─+┐/);
    expect(text).toContain('ceth0 172.18.0.10/16 ◀━▶ host:veth0');
    expect(text).toContain('ceth1 172.18.0.20/16 ◀━▶ host:veth1');
    expect(text).toContain('↪ default via 172.18.0.1 dev ceth0');
    // bridge ports are drawn under their bridge, not again on their own
    expect(text.match(/veth0/g)).toHaveLength(2); // its own line and ceth0's peer
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('marks what is down and what has no address (route-clash state)', () => {
    const text = drawTopology(view('route-clash'), 100).join('\n');
    expect(text).toContain('veth0 172.18.0.11/16 ◀━▶ netns0:ceth0');
    expect(text).toContain('veth1 172.18.0.21/16 ◀━▶ netns1:ceth1');
    expect(text).toContain('lo (down)'); // the namespaces' loopback was never brought up
    expect(text).toContain('↪ 172.18.0.0/16 dev veth0');
    expect(text).toContain('↪ 172.18.0.0/16 dev veth1');
  });

  it('draws a half-built lab: a pair still on the host, a bridge with no ports, forwarding on', () => {
    const lines = drawTopology(view('half'), 100);
    const text = lines.join('\n');
    expect(lines[0]).toMatch(/^┌─ host · ip_forward=1 ─+┐$/);
    // Both ends in one namespace: ip names the peer only by name ("link"), which
    // the inspect layer does not resolve yet, so no link is drawn for them.
    expect(text).toMatch(/│ ceth0 \(no address\) \(down\) +│/);
    expect(text).toMatch(/│ veth0 \(no address\) \(down\) +│/);
    expect(text).toMatch(/│ br0 \[bridge\] \(down\) +│\n│  └ \(no ports\) +│/);
    expect(text).toMatch(/┌─ netns0 ─+┐\n│ lo \(down\) +│/);
  });

  it('says how to start when there are no namespaces', () => {
    expect(drawTopology(view('fresh')).join('\n')).toContain('ip netns add NAME');
  });

  it('wraps namespace boxes into rows that fit the width', () => {
    const b = box('x', ['a'.repeat(30)]);
    const rows = flow([b, b, b], 70);
    expect(rows.length).toBe(b.length * 2);
    for (const r of rows) expect(r.length).toBeLessThanOrEqual(70);
  });
});
