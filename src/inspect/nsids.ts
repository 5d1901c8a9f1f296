// `ip -json netns list` → name → nsid, as the namespace it ran in numbers its
// peers (only namespaces that have an nsid there appear with one).
import { num, parseJsonOutput, records, str } from './json.js';
import { guard, ok, type Result } from './result.js';

export function parseNsids(text: string): Result<Record<string, number>> {
  return guard('ip netns', () => {
    if (text.trim() === '') return ok({});
    const json = parseJsonOutput(text, 'ip netns');
    if (!json.ok) return json;
    const list = records(json.value, 'ip netns');
    if (!list.ok) return list;
    const out: Record<string, number> = {};
    for (const o of list.value) {
      const name = str(o.name);
      const id = num(o.id);
      if (name !== undefined && id !== undefined) out[name] = id;
    }
    return ok(out);
  });
}
