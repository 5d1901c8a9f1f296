import { describe, expect, it } from 'vitest';
import { normaliseRule, sameRule } from '../../../src/inspect/rule.js';

describe('iptables rule normalisation', () => {
  it.each([
    ['-d 172.16.0.2 -j ACCEPT', '-d 172.16.0.2/32 -j ACCEPT'],
    ['-s 172.18.0.5/16 -j ACCEPT', '-s 172.18.0.0/16 -j ACCEPT'],
    ['-s 172.18.0.0/255.255.0.0 -j ACCEPT', '-s 172.18.0.0/16 -j ACCEPT'],
    ['-p tcp --dport 80 -j ACCEPT', '-p tcp -m tcp --dport 80 -j ACCEPT'],
    ['-p TCP --destination-port 80 -j ACCEPT', '-p tcp -m tcp --dport 80 -j ACCEPT'],
    ['-p 6 --dport http -j ACCEPT', '-p tcp -m tcp --dport 80 -j ACCEPT'],
    ['! -o br0 -s 172.18.0.0/16 -j MASQUERADE', '-s 172.18.0.0/16 ! -o br0 -j MASQUERADE'],
    ['-s 172.18.0.0/16 -o ! br0 -j MASQUERADE', '-s 172.18.0.0/16 ! -o br0 -j MASQUERADE'],
    ['--source 172.18.0.0/16 ! --out-interface br0 --jump MASQUERADE', '-s 172.18.0.0/16 ! -o br0 -j MASQUERADE'],
    ['-p tcp --dport 5005 -j DNAT --to 172.17.0.2:80', '-p tcp -m tcp --dport 5005 -j DNAT --to-destination 172.17.0.2:80'],
    ['-j SNAT --to 172.16.0.2 -s 172.18.0.0/16', '-s 172.18.0.0/16 -j SNAT --to-source 172.16.0.2'],
    ['-m state --state ESTABLISHED,RELATED -j ACCEPT', '-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT'],
    ['-p tcp --dport 22 -j ACCEPT', '-p tcp -m tcp --dport 22 -m comment --comment "ssh only" -j ACCEPT'],
    ['-A POSTROUTING -s 172.18.0.0/16 -j MASQUERADE', '-s 172.18.0.0/16 -j MASQUERADE'],
    ['-p all -j ACCEPT', '-j ACCEPT'],
    ['-m addrtype --dst-type local -j DOCKER', '-m addrtype --dst-type LOCAL -j DOCKER'],
  ])('%s ≡ %s', (a, b) => {
    expect(normaliseRule(a).key).toBe(normaliseRule(b).key);
    expect(sameRule(a, b)).toBe(true);
  });

  it.each([
    ['-s 172.18.0.0/16 ! -o br0 -j MASQUERADE', '-s 172.18.0.0/16 -o br0 -j MASQUERADE'],
    ['-s 172.18.0.0/16 -j MASQUERADE', '-s 172.18.0.0/24 -j MASQUERADE'],
    ['-p tcp --dport 80 -j ACCEPT', '-p udp --dport 80 -j ACCEPT'],
    ['-p tcp --dport 80 -j ACCEPT', '-p tcp --sport 80 -j ACCEPT'],
    ['-j ACCEPT', '-j DROP'],
    ['-d 172.16.0.2 -j DNAT --to-destination 172.17.0.2:80', '-d 172.16.0.2 -j DNAT --to-destination 172.17.0.2:8080'],
    ['-s 172.18.0.0/16 -j MASQUERADE', '-s 172.18.0.0/16 -o eth0 -j MASQUERADE'],
    ['-j DOCKER', '-g DOCKER'],
  ])('%s ≢ %s', (a, b) => {
    expect(sameRule(a, b)).toBe(false);
  });

  it('keeps the target and sorted parts', () => {
    const n = normaliseRule(['-s', '172.18.0.0/16', '!', '-o', 'br0', '-j', 'MASQUERADE']);
    expect(n.target).toBe('MASQUERADE');
    expect(n.parts).toEqual(['!-o br0', '-j MASQUERADE', '-s 172.18.0.0/16']);
  });

  it('does not throw on odd input', () => {
    for (const s of ['', '!', '! !', '-j', 'foo bar', '-s', '-- -', '"unterminated', '-A', '-I X 3']) expect(() => normaliseRule(s)).not.toThrow();
  });
});
