import { describe, expect, it } from 'vitest';
import { chainPolicy, findChain, findTable, parseIptablesSave } from '../../../src/inspect/iptables.js';
import { tokenize } from '../../../src/inspect/tokens.js';
import { fixture, value } from '../../support/inspect-fixtures.js';

describe('iptables-save', () => {
  const docker = value(parseIptablesSave(fixture('docker', 'iptables-save.txt')));

  it('reads tables, built-in chain policies and user chains (Docker rule set)', () => {
    expect(docker.tables.map((t) => t.name)).toEqual(['filter', 'nat']);
    const filter = findTable(docker, 'filter')!;
    expect(filter.chains.map((c) => [c.name, c.policy, c.builtin])).toEqual([
      ['INPUT', 'ACCEPT', true],
      ['FORWARD', 'DROP', true],
      ['OUTPUT', 'ACCEPT', true],
      ['DOCKER', null, false],
      ['DOCKER-ISOLATION-STAGE-1', null, false],
      ['DOCKER-ISOLATION-STAGE-2', null, false],
      ['DOCKER-USER', null, false],
    ]);
    expect(chainPolicy(docker, 'filter', 'FORWARD')).toBe('DROP');
  });

  it('keeps rules as argument arrays, in order, with `!` before an option', () => {
    const forward = findChain(findTable(docker, 'filter')!, 'FORWARD')!;
    expect(forward.rules.map((r) => r.args.join(' '))).toEqual([
      '-j DOCKER-USER',
      '-j DOCKER-ISOLATION-STAGE-1',
      '-o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-o docker0 -j DOCKER',
      '-i docker0 ! -o docker0 -j ACCEPT',
      '-i docker0 -o docker0 -j ACCEPT',
    ]);
    const dnat = findChain(findTable(docker, 'nat')!, 'DOCKER')!.rules[1]!;
    expect(dnat.args).toEqual(['!', '-i', 'docker0', '-p', 'tcp', '-m', 'tcp', '--dport', '5005', '-j', 'DNAT', '--to-destination', '172.17.0.2:80']);
    expect(dnat.text).toBe('! -i docker0 -p tcp -m tcp --dport 5005 -j DNAT --to-destination 172.17.0.2:80');
  });

  it('unquotes comments with spaces and escaped quotes', () => {
    const input = findChain(findTable(docker, 'filter')!, 'INPUT')!.rules[0]!;
    expect(input.args).toEqual(['-p', 'tcp', '-m', 'tcp', '--dport', '22', '-m', 'comment', '--comment', 'ssh for the "admin" only', '-j', 'ACCEPT']);
  });

  it('reads packet and byte counters (iptables-save -c)', () => {
    const c = value(parseIptablesSave(fixture('docker', 'iptables-save-counters.txt')));
    const forward = findChain(findTable(c, 'filter')!, 'FORWARD')!;
    expect(forward.rules[0]!.counters).toEqual({ packets: 4, bytes: 336 });
    expect(forward.rules[0]!.args).toEqual(['-j', 'DOCKER-USER']);
    expect(forward.counters).toEqual({ packets: 0, bytes: 0 });
    // same rules as without counters
    const plain = findChain(findTable(docker, 'filter')!, 'FORWARD')!;
    expect(forward.rules.map((r) => r.text)).toEqual(plain.rules.map((r) => r.text));
  });

  it('an empty dump (no table loaded) has no tables, and built-in chains default to ACCEPT', () => {
    const empty = value(parseIptablesSave(fixture('fresh', 'iptables-save.txt')));
    expect(empty.tables).toEqual([]);
    expect(chainPolicy(empty, 'filter', 'FORWARD')).toBe('ACCEPT');
    expect(chainPolicy(empty, 'nat', 'POSTROUTING')).toBe('ACCEPT');
    expect(chainPolicy(empty, 'filter', 'DOCKER')).toBeUndefined();
    expect(chainPolicy(empty, 'filter', 'POSTROUTING')).toBeUndefined();
  });

  it('an empty table (only policies) has chains but no rules', () => {
    const s = value(parseIptablesSave('*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n'));
    expect(findTable(s, 'filter')!.chains.every((c) => c.rules.length === 0)).toBe(true);
    expect(chainPolicy(s, 'filter', 'FORWARD')).toBe('DROP');
  });

  it('notes the "iptables-legacy tables present" warning (stderr, merged)', () => {
    // The real dump with the line iptables-nft prints when legacy tables exist.
    const text = '# Warning: iptables-legacy tables present, use iptables-legacy-save to see them\n' + fixture('docker', 'iptables-save.txt');
    const s = value(parseIptablesSave(text));
    expect(s.legacyTablesPresent).toBe(true);
    expect(s.warnings).toEqual(['iptables-legacy tables present, use iptables-legacy-save to see them']);
    expect(s.tables.map((t) => t.name)).toEqual(['filter', 'nat']);
    expect(docker.legacyTablesPresent).toBe(false);
  });

  it('notes tables iptables cannot show', () => {
    const s = value(parseIptablesSave("# Table `nat' is incompatible, use 'nft' tool.\n"));
    expect(s.warnings).toHaveLength(1);
  });

  it('returns errors for lines it does not understand, with the line number', () => {
    const r = parseIptablesSave('*filter\n:INPUT ACCEPT [0:0]\nhello world\nCOMMIT\n');
    expect(r).toEqual({ ok: false, error: 'iptables-save line 3: unexpected "hello world"' });
    expect(parseIptablesSave('-A INPUT -j ACCEPT\n').ok).toBe(false);
    expect(parseIptablesSave('COMMIT\n').ok).toBe(false);
    expect(parseIptablesSave('*filter\n:\n').ok).toBe(false);
  });
});

describe('tokenize', () => {
  it('splits like iptables-save quotes', () => {
    expect(tokenize('-m comment --comment "a b" -j ACCEPT')).toEqual(['-m', 'comment', '--comment', 'a b', '-j', 'ACCEPT']);
    expect(tokenize(`--comment "say \\"hi\\" \\\\ there"`)).toEqual(['--comment', 'say "hi" \\ there']);
    expect(tokenize(`--comment 'single quoted'  -j  X`)).toEqual(['--comment', 'single quoted', '-j', 'X']);
    expect(tokenize('--comment ""')).toEqual(['--comment', '']);
  });

  it('never throws on an unterminated quote', () => {
    expect(tokenize('--comment "open')).toEqual(['--comment', 'open']);
    expect(tokenize('a\\')).toEqual(['a\\']);
  });
});
