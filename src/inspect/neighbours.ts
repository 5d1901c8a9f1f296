// `ip -json neigh show` → Neighbour[].
import { parseJsonOutput, records, str, strArray } from './json.js';
import { guard, ok, type Result } from './result.js';
import type { Neighbour } from './types.js';

/** Entries whose link-layer address the kernel knows (or was told). */
export const KNOWN_STATES = ['REACHABLE', 'STALE', 'DELAY', 'PROBE', 'PERMANENT'];

export function isKnown(n: Neighbour): boolean {
  return n.state.some((s) => KNOWN_STATES.includes(s));
}

export function parseNeighbours(text: string): Result<Neighbour[]> {
  return guard('ip neigh', () => {
    if (text.trim() === '') return ok([]);
    const json = parseJsonOutput(text, 'ip neigh');
    if (!json.ok) return json;
    const list = records(json.value, 'ip neigh');
    if (!list.ok) return list;
    const out: Neighbour[] = [];
    for (const o of list.value) {
      const dst = str(o.dst);
      if (dst === undefined) continue;
      const n: Neighbour = { dst, state: strArray(o.state) };
      const dev = str(o.dev);
      if (dev !== undefined) n.dev = dev;
      const lladdr = str(o.lladdr);
      if (lladdr !== undefined) n.lladdr = lladdr;
      if (o.router === null || o.router === true) n.router = true;
      out.push(n);
    }
    return ok(out);
  });
}
