// Each start state must build what the previous lesson leaves behind, so a
// lesson opened directly starts where the one before it ended, and the
// challenges that reuse a state start from what the learner just built.
// We replay a lesson in one lab, apply the state in another, and compare the
// structure both end with (devices, addresses, routes, rules, sysctl,
// listening sockets); addresses that differ by chance (MACs, ifindexes) are
// left out.
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/index.js';
import type { Lesson } from '../../src/content/types.js';
import type { Lab } from '../../src/lab/lab.js';
import { applyState } from '../../src/replay/prepare.js';
import { runStep } from '../../src/replay/steps.js';
import { describeLabs, withLab } from '../support/labs.js';

const content = await loadContent();

// One script prints every namespace's view as JSON lines, so a fingerprint
// costs one process per lab.
const DUMP = String.raw`
dump() {
  printf '{"place":"%s","links":%s,"addrs":%s,"routes":%s,"tcp":"%s"}\n' "$1" \
    "$($2 ip -d -j link)" "$($2 ip -4 -j addr)" "$($2 ip -4 -j route)" \
    "$($2 ss -ltnH | awk '{print $4}' | sort | tr '\n' ' ')"
}
dump host ""
for ns in $(ip netns list | cut -d' ' -f1 | sort); do dump "$ns" "ip netns exec $ns"; done
echo "#forward $(cat /proc/sys/net/ipv4/ip_forward)"
iptables-save | sed 's/^#.*//; s/ \[[0-9]*:[0-9]*\]$//' | sed 's/^/#rule /'
`;

interface PlaceDump {
  place: string;
  links: Array<{ ifname: string; flags: string[]; master?: string; linkinfo?: { info_kind?: string } }>;
  addrs: Array<{ ifname: string; addr_info: Array<{ local: string; prefixlen: number }> }>;
  routes: Array<{ dst: string; dev?: string; gateway?: string }>;
  tcp: string;
}

/** The parts of a lab's state a lesson builds, as sorted text lines. */
function fingerprint(raw: string): string[] {
  const lines: string[] = [];
  for (const line of raw.split('\n')) {
    if (line.startsWith('{')) {
      const d = JSON.parse(line) as PlaceDump;
      for (const l of d.links) {
        const up = l.flags.includes('UP') ? 'up' : 'down';
        lines.push(`${d.place} link ${l.ifname} ${l.linkinfo?.info_kind ?? 'plain'} ${up} master=${l.master ?? '-'}`);
      }
      for (const a of d.addrs) for (const i of a.addr_info) lines.push(`${d.place} addr ${a.ifname} ${i.local}/${i.prefixlen}`);
      // Sorted: the order of equal routes is the route-clash lesson's subject, not the state's.
      for (const r of d.routes) lines.push(`${d.place} route ${r.dst} dev=${r.dev ?? '-'} via=${r.gateway ?? '-'}`);
      if (d.tcp.trim()) lines.push(`${d.place} listen ${d.tcp.trim()}`);
    } else if (line.startsWith('#forward ')) {
      lines.push(line.slice(1));
    } else if (line.startsWith('#rule ')) {
      const rule = line.slice('#rule '.length);
      // Rules and user chains; built-in chains only when their policy is not the default.
      // (Merely listing rules creates an empty table with iptables-nft, so tables are not compared.)
      if (rule.startsWith('-A ')) lines.push(`rule ${rule}`);
      else if (/^:\S+ - *$/.test(rule)) lines.push(`chain ${rule.split(' ')[0]!.slice(1)}`);
      else if (/^:\S+ (DROP|REJECT)/.test(rule)) lines.push(`policy ${rule}`);
    }
  }
  return [...new Set(lines)].sort();
}

async function snapshot(lab: Lab): Promise<string[]> {
  const r = await lab.run(DUMP, { timeoutMs: 20_000 });
  expect(r.exitCode, r.output).toBe(0);
  return fingerprint(r.stdout);
}

/** Replay a lesson (from its own start) up to and including the step with id `until`. */
async function stateAfter(lesson: Lesson, until?: string): Promise<string[]> {
  return withLab(async (lab) => {
    await applyState(lab, content.states, lesson.start);
    for (const step of lesson.steps) {
      const outcome = await runStep(lab, step);
      expect(outcome.passed, `${step.source.file}:${step.source.line}: ${outcome.detail}`).toBe(true);
      if (step.id === until) break;
    }
    return snapshot(lab);
  });
}

async function stateOf(name: string): Promise<string[]> {
  return withLab(async (lab) => {
    await applyState(lab, content.states, name);
    return snapshot(lab);
  });
}

describe('fingerprint', () => {
  it('keeps structure and drops what differs by chance', () => {
    const raw = [
      '{"place":"host","links":[{"ifname":"br0","flags":["BROADCAST","UP"],"linkinfo":{"info_kind":"bridge"}},{"ifname":"veth0","flags":["UP"],"master":"br0","linkinfo":{"info_kind":"veth"}}],"addrs":[{"ifname":"br0","addr_info":[{"local":"172.18.0.1","prefixlen":16}]}],"routes":[{"dst":"172.18.0.0/16","dev":"br0"}],"tcp":""}',
      '#forward 1',
      '#rule *nat',
      '#rule :POSTROUTING ACCEPT',
      '#rule :FORWARD DROP',
      '#rule :MY_CUSTOM_CHAIN -',
      '#rule -A POSTROUTING -s 172.18.0.0/16 ! -o br0 -j MASQUERADE',
    ].join('\n');
    expect(fingerprint(raw)).toEqual([
      'chain MY_CUSTOM_CHAIN',
      'forward 1',
      'host addr br0 172.18.0.1/16',
      'host link br0 bridge up master=-',
      'host link veth0 veth up master=br0',
      'host route 172.18.0.0/16 dev=br0 via=-',
      'policy :FORWARD DROP',
      'rule -A POSTROUTING -s 172.18.0.0/16 ! -o br0 -j MASQUERADE',
    ]);
  });
});

describeLabs('start states match the lesson before them', () => {
  it('content loads without errors', () => {
    expect(content.errors.filter((e) => /\/(lessons|states)\//.test(e.file))).toEqual([]);
  });

  const pairs = content.lessons.flatMap((lesson, i) => {
    const next = content.lessons[i + 1];
    return next && next.start !== 'fresh' ? [{ lesson, state: next.start, next: next.id }] : [];
  });

  it('every lesson after the first starts from a state', () => {
    expect(pairs.length).toBe(content.lessons.length - 1);
  });

  for (const { lesson, state, next } of pairs) {
    it.concurrent(`the end of lesson "${lesson.id}" is state "${state}" (where "${next}" starts)`, async () => {
      const [ended, built] = await Promise.all([stateAfter(lesson), stateOf(state)]);
      expect(built).toEqual(ended);
    }, 60_000);
  }

  it.concurrent('state "outbound-web" is the publish lesson once its web server runs', async () => {
    const publish = content.lessons.find((l) => l.id === 'publish');
    expect(publish?.start).toBe('outbound');
    const [ended, built] = await Promise.all([stateAfter(publish!, 'server'), stateOf('outbound-web')]);
    expect(built).toEqual(ended);
    expect(built).toContain('netns0 listen 172.18.0.10:5000');
  }, 60_000);
});
