// `ip -json addr show` → Address[] (IPv4 and IPv6, with prefix).
import { num, parseJsonOutput, records, str } from './json.js';
import { guard, ok, type Result } from './result.js';
import type { Address } from './types.js';

export function parseAddresses(text: string): Result<Address[]> {
  return guard('ip addr', () => {
    const json = parseJsonOutput(text, 'ip addr');
    if (!json.ok) return json;
    const list = records(json.value, 'ip addr');
    if (!list.ok) return list;
    const out: Address[] = [];
    for (const link of list.value) {
      const dev = str(link.ifname);
      if (dev === undefined) continue;
      const infos = records(link.addr_info ?? [], 'addr_info');
      if (!infos.ok) continue;
      for (const a of infos.value) {
        const family = str(a.family);
        const address = str(a.local);
        const prefixlen = num(a.prefixlen);
        if ((family !== 'inet' && family !== 'inet6') || address === undefined || prefixlen === undefined) continue;
        const entry: Address = { dev, family, address, prefixlen, cidr: `${address}/${prefixlen}` };
        const scope = str(a.scope);
        if (scope !== undefined) entry.scope = scope;
        out.push(entry);
      }
    }
    return ok(out);
  });
}
