import { describe, expect, it } from 'vitest';
import { baseChainsFor, parseNftRuleset } from '../../../src/inspect/nft.js';
import { sameRule } from '../../../src/inspect/rule.js';
import { fixture, value } from '../../support/inspect-fixtures.js';

describe('nft -j list ruleset', () => {
  const nft = value(parseNftRuleset(fixture('nft', 'nft.json')));

  it('lists tables and base chains with hook and policy', () => {
    expect(nft.tables).toEqual(expect.arrayContaining([{ family: 'ip', name: 'containers' }, { family: 'inet', name: 'fw' }]));
    expect(nft.chains).toContainEqual(expect.objectContaining({ family: 'inet', table: 'fw', name: 'forward', type: 'filter', hook: 'forward', policy: 'drop' }));
    expect(nft.chains).toContainEqual(expect.objectContaining({ family: 'ip', table: 'containers', name: 'postrouting', type: 'nat', hook: 'postrouting' }));
    expect(baseChainsFor(nft, 'filter', 'FORWARD').map((c) => `${c.family} ${c.table} ${c.name}`)).toEqual(
      expect.arrayContaining(['inet fw forward', 'ip filter FORWARD']),
    );
    expect(baseChainsFor(nft, 'nat', 'POSTROUTING').map((c) => c.table).sort()).toEqual(['containers', 'nat']);
  });

  it('finds masquerade, snat and dnat statements, native and iptables-nft ones', () => {
    const nat = nft.nat.map((n) => `${n.table}/${n.chain} ${n.kind}${n.to ? ' ' + n.to : ''}${n.xt ? ' (xt)' : ''}`);
    expect(nat).toEqual(
      expect.arrayContaining([
        'containers/postrouting masquerade',
        'containers/postrouting snat 172.16.0.2',
        'containers/prerouting dnat 172.17.0.2:80',
        'containers/prerouting dnat 172.17.0.3',
        'nat/POSTROUTING snat (xt)',
      ]),
    );
  });

  it('translates native rules to iptables arguments where there is an equivalent', () => {
    const args = (chain: string) => nft.rules.filter((r) => r.chain === chain && r.iptables).map((r) => r.iptables!);
    const post = args('postrouting');
    expect(post.some((a) => sameRule(a, '-s 172.17.0.0/16 ! -o docker0 -j MASQUERADE'))).toBe(true);
    expect(post.some((a) => sameRule(a, '-s 172.17.0.0/16 -o eth+ -j SNAT --to-source 172.16.0.2'))).toBe(true);
    const pre = args('prerouting');
    expect(pre.some((a) => sameRule(a, '-m addrtype --dst-type LOCAL -p tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80'))).toBe(true);
    expect(pre.some((a) => sameRule(a, '-d 172.16.0.2 -p tcp -m multiport --dports 80,443 -j DNAT --to-destination 172.17.0.3'))).toBe(true);
    const fwd = args('forward');
    expect(fwd.some((a) => sameRule(a, '-m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT'))).toBe(true);
    expect(fwd.some((a) => sameRule(a, '-i docker0 ! -o docker0 -j ACCEPT'))).toBe(true);
    expect(fwd.some((a) => sameRule(a, '-p tcp --dport 1000:2000 -j DROP'))).toBe(true);
  });

  it('leaves rules with no simple equivalent untranslated, and marks iptables-nft ones', () => {
    const range = nft.rules.find((r) => r.table === 'fw' && r.handle !== undefined && !r.iptables);
    expect(range).toBeDefined(); // ip saddr 10.0.0.1-10.0.0.9
    const xt = nft.rules.filter((r) => r.xt);
    expect(xt.length).toBeGreaterThan(0);
    expect(xt.every((r) => r.iptables === undefined)).toBe(true);
  });

  it('an empty ruleset has nothing', () => {
    expect(value(parseNftRuleset(fixture('fresh', 'nft.json')))).toEqual({ tables: [], chains: [], rules: [], nat: [] });
  });

  it('returns errors for other input', () => {
    expect(parseNftRuleset('Error: syntax error').ok).toBe(false);
    expect(parseNftRuleset('{"x": 1}').ok).toBe(false);
    expect(parseNftRuleset('[]').ok).toBe(false);
  });
});
