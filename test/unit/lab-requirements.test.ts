import { describe, expect, it } from 'vitest';
import { whatIsMissing } from '../../src/lab/lab.js';
import { missingTools } from '../../src/lab/requirements.js';

describe('what a machine lacks to run labs', () => {
  const without = (...gone: string[]) => (command: string) => (gone.includes(command) ? undefined : `/usr/bin/${command}`);

  it('names each missing tool with its Debian package, once per package', () => {
    expect(missingTools(without('ip', 'bridge', 'dnsmasq')).map((t) => `${t.command}:${t.pkg}`)).toEqual([
      'ip:iproute2',
      'bridge:iproute2',
      'dnsmasq:dnsmasq-base',
    ]);
    const why = whatIsMissing(true, without('ip', 'bridge', 'dnsmasq'));
    expect(why?.what).toBe('missing ip, bridge, dnsmasq');
    expect(why?.fix).toMatch(/^apt-get install iproute2 dnsmasq-base /);
  });

  it('says nothing when every tool is there (and user namespaces are allowed here)', () => {
    expect(missingTools(without())).toEqual([]);
    expect(whatIsMissing(true, without())).toBeUndefined();
  });
});
