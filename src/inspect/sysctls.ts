// The snapshot's sysctl section: one "key=value" line per key read (dotted
// keys), "key!" for a key that could not be read (absent, e.g. no
// br_netfilter). Values keep their inner whitespace, trimmed at the ends.
import { guard, ok, type Result } from './result.js';
import type { Sysctls } from './types.js';

/** Read in every namespace unless a check asks for more. */
export const DEFAULT_SYSCTLS = [
  'net.ipv4.ip_forward',
  'net.ipv4.conf.all.forwarding',
  'net.ipv4.conf.all.proxy_arp',
  'net.ipv4.conf.all.route_localnet',
  'net.bridge.bridge-nf-call-iptables',
];

/** Sysctl keys we can turn into /proc/sys paths safely. */
export function validSysctlKey(key: string): boolean {
  return /^[a-z0-9_][a-z0-9_.:-]{0,200}$/i.test(key) && !key.includes('..') && !key.endsWith('.');
}

export function sysctlPath(key: string): string {
  return '/proc/sys/' + key.replace(/\./g, '/');
}

export function parseSysctls(text: string): Result<Sysctls> {
  return guard('sysctls', () => {
    const out: Sysctls = {};
    for (const line of text.split('\n')) {
      const eq = line.indexOf('=');
      if (eq <= 0) continue;
      const key = line.slice(0, eq).trim();
      if (!validSysctlKey(key)) continue;
      out[key] = line.slice(eq + 1).trim().replace(/\s+/g, ' ');
    }
    return ok(out);
  });
}
