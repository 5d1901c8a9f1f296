import { describe, expect, it } from 'vitest';
import { parseSnapshotOutput, snapshotScript } from '../../../src/inspect/snapshot.js';
import { topologyOf } from '../../../src/inspect/topology.js';
import { FIXTURE_MARKER, fixture, fixtureSnapshot } from '../../support/inspect-fixtures.js';

describe('snapshot output', () => {
  it('splits places and lists the learner namespaces (fresh lab, hidden machines asked for)', () => {
    const s = fixtureSnapshot('fresh');
    expect(s.netns).toEqual([]);
    expect(Object.keys(s.places).sort()).toEqual(['@client', '@internet', '@router', 'host']);
    expect(s.missing).toEqual({ ghost: 'ghost does not exist (ip netns list shows no namespaces)' });
    for (const ns of Object.values(s.places)) expect(ns.errors).toEqual({});
    const host = s.places.host!;
    expect(host.links.map((l) => l.name)).toEqual(['lo', 'eth0']);
    expect(host.addresses.filter((a) => a.family === 'inet').map((a) => a.cidr)).toEqual(['127.0.0.1/8', '172.16.0.2/16']);
    expect(host.sysctls['net.ipv4.ip_forward']).toBe('0');
    expect(host.sysctls['net.bridge.bridge-nf-call-iptables']).toBe('1');
    expect(s.places['@router']!.sysctls['net.ipv4.ip_forward']).toBe('1');
    expect(s.places['@internet']!.nft.tables).toEqual([{ family: 'inet', name: 'nslab' }]);
  });

  it("resolves the host's eth0 to the router's port when the router is read", () => {
    const s = fixtureSnapshot('fresh');
    expect(s.places.host!.links.find((l) => l.name === 'eth0')!.peer).toEqual({ at: '@router', name: 'port-host' });
    expect(s.places['@client']!.links.find((l) => l.name === 'eth0')!.peer).toEqual({ at: '@router', name: 'port-client' });
  });

  it('resolves veth peers across namespaces (veth0 ↔ ceth0 in netns0)', () => {
    const s = fixtureSnapshot('veth');
    expect(s.netns).toEqual(['netns0']);
    expect(s.places.host!.links.find((l) => l.name === 'veth0')!.peer).toEqual({ at: 'netns0', name: 'ceth0' });
    expect(s.places.netns0!.links.find((l) => l.name === 'ceth0')!.peer).toEqual({ at: 'host', name: 'veth0' });
    // eth0's peer is in the router, which was not read
    expect(s.places.host!.links.find((l) => l.name === 'eth0')!.peer).toBeUndefined();
  });

  it('pairs two containers whose ends have the same name and ifindex (eth0 in c1 and c2)', () => {
    const s = fixtureSnapshot('docker');
    expect(s.netns).toEqual(['c1', 'c2']);
    const host = s.places.host!;
    expect(host.links.find((l) => l.name === 'veth1')!.peer).toEqual({ at: 'c1', name: 'eth0' });
    expect(host.links.find((l) => l.name === 'veth2')!.peer).toEqual({ at: 'c2', name: 'eth0' });
    expect(s.places.c1!.links.find((l) => l.name === 'eth0')!.peer).toEqual({ at: 'host', name: 'veth1' });
    expect(s.places.c2!.links.find((l) => l.name === 'eth0')!.peer).toEqual({ at: 'host', name: 'veth2' });
    expect(host.nsids).toMatchObject({ c1: expect.any(Number), c2: expect.any(Number) });
    expect(host.iptables.tables.map((t) => t.name)).toEqual(['filter', 'nat']);
    expect(host.neighbours.length).toBeGreaterThan(0);
    expect(s.places['@client']!.routes.some((r) => r.dst === '172.17.0.0/16' && r.gateway === '172.16.0.2')).toBe(true);
  });

  it('marks sections of a place cut short (output truncated)', () => {
    const text = fixture('docker', 'snapshot.txt');
    const cut = text.slice(0, text.indexOf(`${FIXTURE_MARKER} begin c1 iptables`) + 10);
    const s = parseSnapshotOutput(cut, FIXTURE_MARKER);
    const c1 = s.places.c1!;
    expect(c1.links.length).toBeGreaterThan(0);
    expect(c1.errors.iptables).toMatch(/cut short/);
    expect(c1.errors.sysctls).toBe('the snapshot was cut short');
  });

  it('reports a failed command of the ip batch and keeps the others', () => {
    const out = [
      `${FIXTURE_MARKER} begin x ip`,
      fixture('fresh', 'link.json').trim(),
      'Device "nope" does not exist.',
      'Command failed -:2',
      fixture('fresh', 'route.json').trim(),
      '[]',
      '[]',
      `${FIXTURE_MARKER} status 1`,
      `${FIXTURE_MARKER} begin x iptables`,
      'iptables-save v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied',
      `${FIXTURE_MARKER} status 4`,
      `${FIXTURE_MARKER} end x`,
    ].join('\n');
    const s = parseSnapshotOutput(out, FIXTURE_MARKER);
    const x = s.places.x!;
    expect(x.links.map((l) => l.name)).toEqual(['lo', 'eth0']);
    expect(x.errors.addresses).toBe('ip addr show: Device "nope" does not exist.');
    expect(x.routes.length).toBeGreaterThan(0);
    expect(x.errors.iptables).toMatch(/^iptables-save failed: .*Permission denied/);
    expect(x.errors.nft).toBe('not read');
  });

  it('reads a namespace whose name has a space', () => {
    const text = fixture('veth', 'snapshot.txt').replace(/ netns0( |$)/gm, ' my ns$1').replace(/^netns0$/m, 'my ns');
    const s = parseSnapshotOutput(text, FIXTURE_MARKER);
    expect(s.netns).toEqual(['my ns']);
    expect(s.places['my ns']!.links.map((l) => l.name)).toEqual(['lo', 'ceth0']);
    expect(s.places['my ns']!.errors).toEqual({});
  });

  it('a place that printed nothing has every section failed', () => {
    const s = parseSnapshotOutput(`${FIXTURE_MARKER} netns\nnetns0\n${FIXTURE_MARKER} place netns0\n`, FIXTURE_MARKER);
    expect(s.places.netns0!.errors.links).toBe('nothing could be read (is /tmp full?)');
    expect(s.places.netns0!.errors.iptables).toBe('nothing could be read (is /tmp full?)');
  });

  it('ignores lines that only look like markers', () => {
    const s = parseSnapshotOutput('NSLAB-SNAPSHOT-other begin host ip\nrandom\n', FIXTURE_MARKER);
    expect(s.places).toEqual({});
  });

  it('builds a script that reads every learner namespace and the places asked for', () => {
    const script = snapshotScript('M', ['host', '*', '@router', 'c1'], ['net.ipv4.ip_forward']);
    expect(script).toContain(`snap 'host' ''`);
    expect(script).toContain(`snap '@router' '/run/nslab/ns/router'`);
    expect(script).toContain('for f in "${ns[@]}"; do snap "${f##*/}" "$f"; done');
    // c1 is read by "*" already; the script only reports it if it is missing
    expect(script).not.toContain(`snap 'c1'`);
    expect(script).toContain(`[ -e '/run/netns/c1' ] || echo "$M missing "'c1'`);
    expect(snapshotScript('M', ['c1'], [])).toContain(`snap 'c1' '/run/netns/c1'`);
    expect(() => snapshotScript('M', ["it's"], [])).toThrow(/not a valid namespace name/);
  });
});

describe('topology', () => {
  it('draws the bridge lab: nodes, veth pairs once, bridge ports', () => {
    const t = topologyOf(fixtureSnapshot('bridge'));
    expect(t.nodes.map((n) => [n.id, n.kind])).toEqual([
      ['host', 'host'],
      ['netns0', 'netns'],
      ['netns1', 'netns'],
    ]);
    const host = t.nodes[0]!;
    expect(host.interfaces.find((i) => i.name === 'br0')).toMatchObject({ type: 'bridge', up: true, addresses: ['172.18.0.1/16'] });
    expect(host.interfaces.find((i) => i.name === 'veth0')).toMatchObject({ master: 'br0', peer: { at: 'netns0', name: 'ceth0' }, addresses: [] });
    expect(t.edges).toEqual(
      expect.arrayContaining([
        { kind: 'veth', a: { node: 'host', iface: 'veth0' }, b: { node: 'netns0', iface: 'ceth0' } },
        { kind: 'veth', a: { node: 'host', iface: 'veth1' }, b: { node: 'netns1', iface: 'ceth1' } },
        { kind: 'bridge', node: 'host', bridge: 'br0', port: 'veth0' },
        { kind: 'bridge', node: 'host', bridge: 'br0', port: 'veth1' },
        { kind: 'external', a: { node: 'host', iface: 'eth0' } },
      ]),
    );
    expect(t.edges.filter((e) => e.kind === 'veth')).toHaveLength(2);
  });

  it('puts hidden machines last and links the host to the router', () => {
    const t = topologyOf(fixtureSnapshot('fresh'));
    expect(t.nodes.map((n) => n.id)).toEqual(['host', '@client', '@internet', '@router']);
    expect(t.edges).toContainEqual({ kind: 'veth', a: { node: 'host', iface: 'eth0' }, b: { node: '@router', iface: 'port-host' } });
    expect(t.edges).toContainEqual({ kind: 'bridge', node: '@router', bridge: 'lan0', port: 'port-host' });
  });
});
