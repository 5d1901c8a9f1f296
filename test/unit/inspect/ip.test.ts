import { describe, expect, it } from 'vitest';
import { parseAddresses } from '../../../src/inspect/addresses.js';
import { parseLinks } from '../../../src/inspect/links.js';
import { isKnown, parseNeighbours } from '../../../src/inspect/neighbours.js';
import { parseNsids } from '../../../src/inspect/nsids.js';
import { parseRoutes } from '../../../src/inspect/routes.js';
import { parseSysctls } from '../../../src/inspect/sysctls.js';
import { fixture, value } from '../../support/inspect-fixtures.js';

describe('ip -json -details link show', () => {
  it('reads names, types, state, masters and veth peers (docker-like host)', () => {
    const links = value(parseLinks(fixture('docker', 'link.json')));
    expect(links.map((l) => l.name)).toEqual(['lo', 'eth0', 'docker0', 'veth1', 'veth2']);
    const [lo, eth0, docker0, veth1] = links;
    expect(lo).toMatchObject({ ifindex: 1, type: 'loopback', up: true, operstate: 'UNKNOWN' });
    expect(lo!.peerIfindex).toBeUndefined();
    expect(eth0).toMatchObject({ type: 'veth', up: true, peerIfindex: 10, peerNetnsId: 0 });
    expect(docker0).toMatchObject({ type: 'bridge', up: true, operstate: 'UP' });
    expect(docker0!.master).toBeUndefined();
    expect(veth1).toMatchObject({ type: 'veth', master: 'docker0', portState: 'forwarding', peerIfindex: 2 });
    expect(veth1!.peerNetnsId).toBeTypeOf('number');
  });

  it('tells a link that is down (fresh netns has lo down until set up)', () => {
    const links = value(parseLinks('[{"ifindex":1,"ifname":"lo","flags":["LOOPBACK"],"operstate":"DOWN","link_type":"loopback"}]'));
    expect(links[0]).toMatchObject({ name: 'lo', up: false, operstate: 'DOWN', type: 'loopback' });
  });

  it('returns an error for output that is not a JSON list', () => {
    expect(parseLinks('Cannot open netlink socket: Permission denied').ok).toBe(false);
    expect(parseLinks('{"a":1}').ok).toBe(false);
    expect(parseLinks('').ok).toBe(false);
  });

  it('finds the JSON among warning lines', () => {
    const r = parseLinks('some warning\n' + fixture('fresh', 'link.json'));
    expect(value(r).map((l) => l.name)).toEqual(['lo', 'eth0']);
  });
});

describe('ip -json addr show', () => {
  it('reads IPv4 and IPv6 addresses with their prefix', () => {
    const addrs = value(parseAddresses(fixture('veth', 'addr.json')));
    expect(addrs).toContainEqual(expect.objectContaining({ dev: 'veth0', family: 'inet', address: '172.18.0.11', prefixlen: 16, cidr: '172.18.0.11/16' }));
    expect(addrs).toContainEqual(expect.objectContaining({ dev: 'lo', family: 'inet6', cidr: '::1/128' }));
    expect(addrs.filter((a) => a.dev === 'veth0' && a.family === 'inet6')[0]?.scope).toBe('link');
  });

  it('a device without addresses contributes none', () => {
    const addrs = value(parseAddresses(fixture('bridge', 'addr.json')));
    expect(addrs.filter((a) => a.dev === 'veth0' && a.family === 'inet')).toEqual([]);
  });
});

describe('ip -json route show table all', () => {
  it('reads default and connected routes of the main table, and the local table', () => {
    const routes = value(parseRoutes(fixture('docker', 'route.json')));
    const main = routes.filter((r) => r.table === 'main' && r.family === 'inet');
    expect(main).toContainEqual(expect.objectContaining({ dst: 'default', gateway: '172.16.0.1', dev: 'eth0', type: 'unicast' }));
    expect(main).toContainEqual(expect.objectContaining({ dst: '172.17.0.0/16', dev: 'docker0', protocol: 'kernel', scope: 'link', prefsrc: '172.17.0.1' }));
    expect(routes).toContainEqual(expect.objectContaining({ dst: '172.17.0.1', table: 'local', type: 'local' }));
    expect(routes.some((r) => r.family === 'inet6')).toBe(true);
  });

  it('an empty namespace has no routes', () => {
    expect(value(parseRoutes('[]'))).toEqual([]);
    expect(value(parseRoutes(''))).toEqual([]);
  });

  it('reads multipath routes', () => {
    const r = value(parseRoutes('[{"dst":"10.0.0.0/8","flags":[],"nexthops":[{"gateway":"172.18.0.1","dev":"ceth0","weight":1},{"gateway":"172.18.0.2","dev":"ceth0"}]}]'));
    expect(r[0]!.nexthops).toEqual([
      { gateway: '172.18.0.1', dev: 'ceth0' },
      { gateway: '172.18.0.2', dev: 'ceth0' },
    ]);
  });
});

describe('ip -json neigh show', () => {
  it('reads entries and their states', () => {
    const n = value(parseNeighbours(fixture('docker', 'neigh.json')));
    expect(n).toContainEqual(expect.objectContaining({ dst: '172.16.0.1', dev: 'eth0', state: ['REACHABLE'] }));
    expect(n.every(isKnown)).toBe(true);
  });

  it('counts REACHABLE, STALE, DELAY, PROBE and PERMANENT as known; FAILED and INCOMPLETE not', () => {
    for (const s of ['REACHABLE', 'STALE', 'DELAY', 'PROBE', 'PERMANENT']) expect(isKnown({ dst: 'x', state: [s] })).toBe(true);
    for (const s of ['FAILED', 'INCOMPLETE', 'NONE']) expect(isKnown({ dst: 'x', state: [s] })).toBe(false);
  });
});

describe('ip -json netns list', () => {
  it('maps names to nsids, skipping names without one', () => {
    expect(value(parseNsids('[{"name":"c2","id":2},{"name":"c1","id":1},{"name":"x"}]'))).toEqual({ c2: 2, c1: 1 });
    expect(value(parseNsids(''))).toEqual({});
  });
});

describe('sysctls section', () => {
  it('reads key=value lines and skips unreadable keys', () => {
    const s = value(parseSysctls('net.ipv4.ip_forward=1\nnet.bridge.bridge-nf-call-iptables!\nnet.ipv4.ip_local_port_range=32768\t60999\n'));
    expect(s).toEqual({ 'net.ipv4.ip_forward': '1', 'net.ipv4.ip_local_port_range': '32768 60999' });
  });
});
