// `ip -json route show table all` → Route[] (every table; "main" when ip names none).
import { isRecord, num, parseJsonOutput, records, str } from './json.js';
import { guard, ok, type Result } from './result.js';
import type { Route } from './types.js';

export function parseRoutes(text: string): Result<Route[]> {
  return guard('ip route', () => {
    // A namespace with no routes at all prints "[]"; an empty answer is the same.
    if (text.trim() === '') return ok([]);
    const json = parseJsonOutput(text, 'ip route');
    if (!json.ok) return json;
    const list = records(json.value, 'ip route');
    if (!list.ok) return list;
    const out: Route[] = [];
    for (const o of list.value) {
      const dst = str(o.dst);
      if (dst === undefined) continue;
      const route: Route = {
        dst,
        family: dst.includes(':') ? 'inet6' : 'inet',
        type: str(o.type) ?? 'unicast',
        table: str(o.table) ?? (typeof o.table === 'number' ? String(o.table) : 'main'),
      };
      for (const key of ['gateway', 'dev', 'protocol', 'scope', 'prefsrc'] as const) {
        const v = str(o[key]);
        if (v !== undefined) route[key] = v;
      }
      const metric = num(o.metric);
      if (metric !== undefined) route.metric = metric;
      if (Array.isArray(o.nexthops)) {
        route.nexthops = o.nexthops.filter(isRecord).map((h) => {
          const hop: { gateway?: string; dev?: string } = {};
          const g = str(h.gateway);
          const d = str(h.dev);
          if (g !== undefined) hop.gateway = g;
          if (d !== undefined) hop.dev = d;
          return hop;
        });
      }
      out.push(route);
    }
    return ok(out);
  });
}
