// Structure checks against snapshots recorded from real labs: each kind,
// passing and failing, with the words the learner reads.
import { describe, expect, it } from 'vitest';
import { evaluateStructure, type StructureCheck } from '../../../src/check/structure.js';
import type { LabSnapshot } from '../../../src/inspect/types.js';
import { fixtureSnapshot, type Scenario } from '../../support/inspect-fixtures.js';

function judge(scenario: Scenario | LabSnapshot, check: StructureCheck) {
  return evaluateStructure(check, typeof scenario === 'string' ? fixtureSnapshot(scenario) : scenario);
}

function passes(scenario: Scenario | LabSnapshot, check: StructureCheck): void {
  expect(judge(scenario, check)).toEqual({ passed: true, detail: '' });
}

function failsWith(scenario: Scenario | LabSnapshot, check: StructureCheck, detail: string | RegExp): void {
  const v = judge(scenario, check);
  expect(v.passed).toBe(false);
  if (typeof detail === 'string') expect(v.detail).toBe(detail);
  else expect(v.detail).toMatch(detail);
}

describe('netns', () => {
  it('exists / does not', () => {
    passes('veth', { kind: 'netns', name: 'netns0' });
    failsWith('veth', { kind: 'netns', name: 'netns1' }, 'there is no network namespace netns1 (ip netns list shows netns0)');
    failsWith('fresh', { kind: 'netns', name: 'netns0' }, 'there is no network namespace netns0 (ip netns list shows none)');
    passes('fresh', { kind: 'netns', name: 'netns0', exists: false });
    failsWith('veth', { kind: 'netns', name: 'netns0', exists: false }, 'the network namespace netns0 still exists; expected it gone');
  });
});

describe('link', () => {
  it('type, state, master and veth peer', () => {
    passes('veth', { kind: 'link', at: 'host', name: 'veth0', type: 'veth', up: true, master: null, peer: { name: 'ceth0', at: 'netns0' } });
    passes('veth', { kind: 'link', at: 'netns0', name: 'ceth0', peer: { name: 'veth0', at: 'host' } });
    passes('bridge', { kind: 'link', at: 'host', name: 'br0', type: 'bridge', up: true });
    passes('bridge', { kind: 'link', at: 'host', name: 'veth1', up: true, master: 'br0', peer: { name: 'ceth1', at: 'netns1' } });
    passes('docker', { kind: 'link', at: 'host', name: 'veth2', peer: { name: 'eth0', at: 'c2' } });
    passes('fresh', { kind: 'link', at: 'host', name: 'lo', type: 'loopback' });
  });

  it('says every difference', () => {
    failsWith(
      'veth',
      { kind: 'link', at: 'host', name: 'veth0', type: 'bridge', up: false, master: 'br0', peer: { name: 'ceth1', at: 'netns0' } },
      'veth0 is a veth, expected a bridge; veth0 is up, expected down; veth0 is not plugged into br0; the other end of veth0 is ceth0 in netns0, expected ceth1 in netns0',
    );
    failsWith('bridge', { kind: 'link', at: 'host', name: 'veth0', master: null }, 'veth0 is plugged into br0, expected no master');
    failsWith('docker', { kind: 'link', at: 'host', name: 'veth1', master: 'br0' }, 'veth1 is plugged into docker0, expected br0');
    failsWith('bridge', { kind: 'link', at: 'host', name: 'br0', peer: { name: 'x', at: 'netns0' } }, 'br0 is a bridge, not one end of a veth pair');
    failsWith('docker', { kind: 'link', at: 'host', name: 'veth1', peer: { name: 'eth0', at: 'c2' } }, 'the other end of veth1 is eth0 in c1, expected eth0 in c2');
    failsWith('veth', { kind: 'link', at: 'host', name: 'eth0', peer: { name: 'x', at: 'netns0' } }, "the other end of eth0 is not in any of the lab's namespaces, expected x in netns0");
  });

  it('a link that is down', () => {
    const s = fixtureSnapshot('bridge');
    s.places.netns0!.links.find((l) => l.name === 'ceth0')!.up = false;
    failsWith(s, { kind: 'link', at: 'netns0', name: 'ceth0', up: true }, 'ceth0 is down, expected up');
  });

  it('missing links and places', () => {
    failsWith('veth', { kind: 'link', at: 'host', name: 'veth9' }, 'the host has no link veth9; it has lo, eth0 and veth0');
    failsWith('veth', { kind: 'link', at: 'host', name: 'ceth0' }, 'the host has no link ceth0 (there is one in netns0)');
    failsWith('veth', { kind: 'link', at: 'netns7', name: 'lo' }, 'netns7 does not exist (ip netns list shows netns0)');
    failsWith('veth', { kind: 'link', at: '@router', name: 'lo' }, 'the hidden machine @router was not inspected');
    failsWith('veth', { kind: 'link', at: 'bad place!', name: 'lo' }, '"bad place!" is not a valid namespace name');
    passes('veth', { kind: 'link', at: 'host', name: 'veth9', exists: false });
    failsWith('veth', { kind: 'link', at: 'host', name: 'veth0', exists: false }, 'the host still has a link called veth0; expected none');
  });

  it('a section that could not be read fails with why', () => {
    const s = fixtureSnapshot('veth');
    s.places.host!.errors.links = 'ip link show: Cannot open netlink socket';
    failsWith(s, { kind: 'link', at: 'host', name: 'veth0' }, 'could not read the links of the host: ip link show: Cannot open netlink socket');
  });
});

describe('address / no-address', () => {
  it('with and without a device, with and without prefix', () => {
    passes('veth', { kind: 'address', at: 'netns0', dev: 'ceth0', cidr: '172.18.0.10/16' });
    passes('veth', { kind: 'address', at: 'host', cidr: '172.18.0.11/16' });
    passes('docker', { kind: 'address', at: 'c1', cidr: '172.17.0.2/16' });
    passes('veth', { kind: 'address', at: 'netns0', cidr: '172.18.0.10' });
    passes('veth', { kind: 'address', at: 'netns0', cidr: '172.18.0.99/16', exists: false });
  });

  it('says what is there instead', () => {
    failsWith('veth', { kind: 'address', at: 'netns0', dev: 'ceth0', cidr: '172.18.0.10/24' }, 'ceth0 in netns0 has 172.18.0.10/16, expected 172.18.0.10/24 (the prefix length differs)');
    failsWith('veth', { kind: 'address', at: 'netns0', dev: 'ceth0', cidr: '172.18.0.12/16' }, 'ceth0 in netns0 has no address 172.18.0.12/16; it has 172.18.0.10/16');
    failsWith('veth', { kind: 'address', at: 'netns0', dev: 'lo', cidr: '172.18.0.10/16' }, '172.18.0.10 is on ceth0 in netns0, expected it on lo');
    failsWith('veth', { kind: 'address', at: 'netns0', dev: 'ceth9', cidr: '172.18.0.10/16' }, 'netns0 has no link ceth9, so no address 172.18.0.10/16 on it');
    failsWith('veth', { kind: 'address', at: 'netns0', cidr: '10.0.0.1/8' }, 'netns0 has no address 10.0.0.1/8; found 172.18.0.10/16 on ceth0');
    failsWith('bridge', { kind: 'address', at: 'host', dev: 'veth0', cidr: '172.18.0.11/16' }, 'veth0 in the host has no address 172.18.0.11/16; it has no IPv4 address');
    failsWith('veth', { kind: 'address', at: 'netns0', cidr: '172.18.0.10/16', exists: false }, 'netns0 has 172.18.0.10/16 on ceth0; expected no such address');
  });

  it('bridge ports carry no IP address', () => {
    passes('bridge', { kind: 'no-address', at: 'host', dev: 'veth0' });
    const s = fixtureSnapshot('bridge');
    s.places.host!.addresses.push({ dev: 'veth0', family: 'inet', address: '172.18.0.11', prefixlen: 16, cidr: '172.18.0.11/16' });
    failsWith(s, { kind: 'no-address', at: 'host', dev: 'veth0' }, 'veth0 has address 172.18.0.11/16; bridge ports should carry no IP address');
    failsWith('veth', { kind: 'no-address', at: 'host', dev: 'veth0' }, 'veth0 has address 172.18.0.11/16; expected no IPv4 address');
    failsWith('veth', { kind: 'no-address', at: 'host', dev: 'veth7' }, 'the host has no link veth7');
  });
});

describe('route', () => {
  it('default routes, via and dev, main table only', () => {
    passes('bridge', { kind: 'route', at: 'netns0', dst: 'default', via: '172.18.0.1' });
    passes('bridge', { kind: 'route', at: 'netns0', dst: '0.0.0.0/0', dev: 'ceth0' });
    passes('docker', { kind: 'route', at: 'c1', dst: 'default', via: '172.17.0.1', dev: 'eth0' });
    passes('bridge', { kind: 'route', at: 'host', dst: '172.18.0.0/16', dev: 'br0' });
    passes('bridge', { kind: 'route', at: 'host', dst: '172.18.0.5/16' });
    // 172.18.0.1 is in the local table only
    failsWith('bridge', { kind: 'route', at: 'host', dst: '172.18.0.1' }, /^the host has no route to 172\.18\.0\.1; found /);
    passes('bridge', { kind: 'route', at: 'netns1', dst: 'default', exists: false });
  });

  it('says which routes there are', () => {
    failsWith('veth', { kind: 'route', at: 'netns0', dst: 'default' }, 'netns0 has no default route; found only 172.18.0.0/16 dev ceth0');
    failsWith('bridge', { kind: 'route', at: 'netns0', dst: 'default', via: '172.18.0.11' }, "netns0's default route goes via 172.18.0.1 on ceth0, expected via 172.18.0.11");
    failsWith('fresh', { kind: 'route', at: 'host', dst: '10.0.0.0/8' }, 'the host has no route to 10.0.0.0/8; found only default via 172.16.0.1 dev eth0 and 172.16.0.0/16 dev eth0');
    failsWith('bridge', { kind: 'route', at: 'host', dst: '172.18.0.0/16', dev: 'br0', exists: false }, 'the host has a route 172.18.0.0/16 dev br0; expected none');
    const empty = fixtureSnapshot('veth');
    empty.places.netns0!.routes = [];
    failsWith(empty, { kind: 'route', at: 'netns0', dst: 'default' }, 'netns0 has no default route; it has no routes at all');
  });
});

describe('neighbour', () => {
  it('known states count, others do not', () => {
    passes('bridge', { kind: 'neighbour', at: 'netns0', address: '172.18.0.20', dev: 'ceth0' });
    passes('bridge', { kind: 'neighbour', at: 'netns1', address: '172.18.0.10' });
    passes('docker', { kind: 'neighbour', at: 'host', address: '172.17.0.2', dev: 'docker0' }); // DELAY
    failsWith('bridge', { kind: 'neighbour', at: 'netns0', address: '172.18.0.9' }, "netns0 does not know 172.18.0.9's link-layer address: its neighbour entry is INCOMPLETE on ceth0");
    failsWith('bridge', { kind: 'neighbour', at: 'netns1', address: '172.18.0.1' }, 'netns1 has no neighbour entry for 172.18.0.1; it knows 172.18.0.10');
    failsWith('bridge', { kind: 'neighbour', at: 'netns0', address: '172.18.0.20', dev: 'lo' }, 'netns0 knows 172.18.0.20 on ceth0, expected on lo');
    failsWith('veth', { kind: 'neighbour', at: 'host', address: '172.18.0.20' }, /^the host has no neighbour entry for 172\.18\.0\.20; it knows /);
    passes('bridge', { kind: 'neighbour', at: 'netns0', address: '172.18.0.9', exists: false });
    failsWith('bridge', { kind: 'neighbour', at: 'netns0', address: '172.18.0.20', exists: false }, 'netns0 lists 172.18.0.20 as a neighbour (REACHABLE on ceth0); expected not');
  });

  it('an empty table', () => {
    const s = fixtureSnapshot('veth');
    s.places.netns0!.neighbours = [];
    failsWith(s, { kind: 'neighbour', at: 'netns0', address: '172.18.0.11' }, 'netns0 has no neighbour entry for 172.18.0.11; its neighbour table is empty');
  });
});

describe('sysctl', () => {
  it('compares values', () => {
    passes('docker', { kind: 'sysctl', at: 'host', key: 'net.ipv4.ip_forward', value: '1' });
    passes('fresh', { kind: 'sysctl', at: 'host', key: 'net.bridge.bridge-nf-call-iptables', value: '1' });
    failsWith('veth', { kind: 'sysctl', at: 'host', key: 'net.ipv4.ip_forward', value: '1' }, 'net.ipv4.ip_forward is 0 in the host, expected 1');
    failsWith('veth', { kind: 'sysctl', at: 'host', key: 'net.ipv4.nope', value: '1' }, 'net.ipv4.nope cannot be read in the host (no such setting)');
  });
});

describe('iptables-policy', () => {
  it('iptables policies, defaults of unloaded tables, nft base chains', () => {
    passes('docker', { kind: 'iptables-policy', at: 'host', chain: 'FORWARD', policy: 'DROP' });
    passes('fresh', { kind: 'iptables-policy', at: 'host', table: 'nat', chain: 'POSTROUTING', policy: 'ACCEPT' });
    passes('nft', { kind: 'iptables-policy', at: 'host', chain: 'FORWARD', policy: 'DROP' }); // inet fw forward policy drop
    failsWith('fresh', { kind: 'iptables-policy', at: 'host', chain: 'FORWARD', policy: 'DROP' }, 'FORWARD policy is ACCEPT, expected DROP');
    failsWith('docker', { kind: 'iptables-policy', at: 'host', chain: 'FORWARD', policy: 'ACCEPT' }, 'FORWARD policy is DROP, expected ACCEPT');
    failsWith('nft', { kind: 'iptables-policy', at: 'host', chain: 'FORWARD', policy: 'ACCEPT' }, 'FORWARD policy is ACCEPT, but the nft chain inet fw forward drops by default (policy drop)');
    failsWith('fresh', { kind: 'iptables-policy', at: 'host', chain: 'DOCKER', policy: 'DROP' }, 'the filter table has no built-in chain DOCKER');
  });

  it('mentions iptables-legacy rules it cannot see', () => {
    const s = fixtureSnapshot('fresh');
    s.places.host!.iptables.legacyTablesPresent = true;
    failsWith(s, { kind: 'iptables-policy', at: 'host', chain: 'FORWARD', policy: 'DROP' }, /iptables-legacy/);
  });
});

describe('iptables-rule', () => {
  it('matches equivalent spellings in iptables-save', () => {
    passes('docker', { kind: 'iptables-rule', at: 'host', table: 'nat', chain: 'POSTROUTING', rule: '-s 172.17.0.0/16 ! -o docker0 -j MASQUERADE' });
    passes('docker', { kind: 'iptables-rule', at: 'host', table: 'nat', chain: 'DOCKER', rule: '! -i docker0 -p tcp --dport 5005 -j DNAT --to 172.17.0.2:80' });
    passes('docker', { kind: 'iptables-rule', at: 'host', chain: 'DOCKER', rule: '-d 172.17.0.2 -o docker0 ! -i docker0 -p tcp --dport 80 -j ACCEPT' });
    passes('docker', { kind: 'iptables-rule', at: 'host', chain: 'FORWARD', rule: '-o docker0 -m state --state ESTABLISHED,RELATED -j ACCEPT' });
    passes('docker', { kind: 'iptables-rule', at: 'host', chain: 'INPUT', rule: '-p tcp --dport 22 -j ACCEPT' });
  });

  it('matches an equivalent native nft rule', () => {
    passes('nft', { kind: 'iptables-rule', at: 'host', table: 'nat', chain: 'POSTROUTING', rule: '-s 172.17.0.0/16 ! -o docker0 -j MASQUERADE' });
    passes('nft', { kind: 'iptables-rule', at: 'host', table: 'nat', chain: 'PREROUTING', rule: '-m addrtype --dst-type LOCAL -p tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80' });
    passes('nft', { kind: 'iptables-rule', at: 'host', chain: 'FORWARD', rule: '-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT' });
  });

  it('says what the chain has instead, closest first', () => {
    failsWith(
      'docker',
      { kind: 'iptables-rule', at: 'host', table: 'nat', chain: 'POSTROUTING', rule: '-s 172.17.0.0/16 -o docker0 -j MASQUERADE' },
      'no rule in nat POSTROUTING matches `-s 172.17.0.0/16 -o docker0 -j MASQUERADE`; it has `-s 172.17.0.0/16 ! -o docker0 -j MASQUERADE`, `-s 172.17.0.2/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE`',
    );
    failsWith(
      'fresh',
      { kind: 'iptables-rule', at: 'host', table: 'nat', chain: 'POSTROUTING', rule: '-s 172.17.0.0/16 ! -o docker0 -j MASQUERADE' },
      'no rule in nat POSTROUTING matches `-s 172.17.0.0/16 ! -o docker0 -j MASQUERADE`; the chain has no rules',
    );
    failsWith('nft', { kind: 'iptables-rule', at: 'host', table: 'nat', chain: 'POSTROUTING', rule: '-s 172.19.0.0/16 -j MASQUERADE' }, /\(nft ip containers postrouting\)/);
  });

  it('negative form', () => {
    passes('docker', { kind: 'iptables-rule', at: 'host', table: 'nat', chain: 'POSTROUTING', rule: '-s 172.18.0.0/16 -j MASQUERADE', exists: false });
    failsWith(
      'docker',
      { kind: 'iptables-rule', at: 'host', table: 'nat', chain: 'POSTROUTING', rule: '-s 172.17.0.0/16 ! -o docker0 -j MASQUERADE', exists: false },
      'nat POSTROUTING has the rule `-s 172.17.0.0/16 ! -o docker0 -j MASQUERADE`; expected no such rule',
    );
  });

  it('an unreadable iptables dump fails the check with why', () => {
    const s = fixtureSnapshot('docker');
    s.places.host!.errors.iptables = 'iptables-save failed: Permission denied';
    failsWith(s, { kind: 'iptables-rule', at: 'host', chain: 'FORWARD', rule: '-j ACCEPT' }, 'could not read the iptables rules of the host: iptables-save failed: Permission denied');
  });
});
