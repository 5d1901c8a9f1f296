// Parsers must return a value or an error on any input: never throw, never
// hang. Real dumps, mutated: truncated, bytes flipped, lines shuffled or
// repeated, and made huge. Bounded in time; seeded, so a failure repeats.
import { describe, expect, it } from 'vitest';
import { parseAddresses } from '../../../src/inspect/addresses.js';
import { parseIptablesSave } from '../../../src/inspect/iptables.js';
import { parseLinks } from '../../../src/inspect/links.js';
import { parseNeighbours } from '../../../src/inspect/neighbours.js';
import { parseNftRuleset } from '../../../src/inspect/nft.js';
import { parseNsids } from '../../../src/inspect/nsids.js';
import { parseRoutes } from '../../../src/inspect/routes.js';
import { normaliseRule } from '../../../src/inspect/rule.js';
import { parseSnapshotOutput } from '../../../src/inspect/snapshot.js';
import { parseSysctls } from '../../../src/inspect/sysctls.js';
import { topologyOf } from '../../../src/inspect/topology.js';
import { parseHttp, parsePing, parseSourceSeen, parseTcp } from '../../../src/check/live-probes.js';
import { FIXTURE_MARKER, fixture, SCENARIOS } from '../../support/inspect-fixtures.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Mutation = (text: string, r: () => number) => string;

const MUTATIONS: Record<string, Mutation> = {
  truncate: (t, r) => t.slice(0, Math.floor(r() * t.length)),
  flipBytes: (t, r) => {
    const a = [...t];
    for (let n = 1 + Math.floor(r() * 8); n > 0 && a.length; n--) a[Math.floor(r() * a.length)] = String.fromCharCode(Math.floor(r() * 128));
    return a.join('');
  },
  shuffleLines: (t, r) => {
    const lines = t.split('\n');
    for (let i = lines.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    }
    return lines.join('\n');
  },
  repeatLines: (t, r) => t.split('\n').flatMap((l) => (r() < 0.2 ? [l, l] : r() < 0.1 ? [] : [l])).join('\n'),
  cutJson: (t, r) => t.replace(/[\]}]/g, (m) => (r() < 0.3 ? '' : m)),
  garbage: (_t, r) => Array.from({ length: 200 }, () => String.fromCharCode(Math.floor(r() * 0x3000))).join(''),
};

const PARSERS: Record<string, (text: string) => unknown> = {
  links: parseLinks,
  addresses: parseAddresses,
  routes: parseRoutes,
  neighbours: parseNeighbours,
  nsids: parseNsids,
  iptables: parseIptablesSave,
  nft: parseNftRuleset,
  sysctls: parseSysctls,
  snapshot: (t) => topologyOf({ ...parseSnapshotOutput(t, FIXTURE_MARKER), takenAt: 0, durationMs: 0 }),
  rule: (t) => normaliseRule(t),
  ping: parsePing,
  tcp: (t) => parseTcp(t, 'abc'),
  http: (t) => parseHttp(t, 'abc'),
  sourceSeen: parseSourceSeen,
};

/** Which real dump each parser reads. */
const INPUTS: Record<string, string> = {
  links: 'link.json',
  addresses: 'addr.json',
  routes: 'route.json',
  neighbours: 'neigh.json',
  nsids: 'link.json',
  iptables: 'iptables-save-counters.txt',
  nft: 'nft.json',
  sysctls: 'snapshot.txt',
  snapshot: 'snapshot.txt',
  rule: 'iptables-save.txt',
  ping: 'snapshot.txt',
  tcp: 'snapshot.txt',
  http: 'snapshot.txt',
  sourceSeen: 'nft.json',
};

function isResultOrValue(v: unknown): boolean {
  return v !== undefined;
}

describe('parser robustness', () => {
  it('never throws or hangs on mutated real dumps', () => {
    const r = rng(20240611);
    const deadline = Date.now() + 1500;
    let runs = 0;
    let slowest = 0;
    while (Date.now() < deadline) {
      for (const [name, parse] of Object.entries(PARSERS)) {
        const scenario = SCENARIOS[Math.floor(r() * SCENARIOS.length)]!;
        const base = fixture(scenario, INPUTS[name]!);
        const [mname, mutate] = Object.entries(MUTATIONS)[Math.floor(r() * Object.keys(MUTATIONS).length)]!;
        const input = mutate(base, r);
        const t0 = performance.now();
        let out: unknown;
        try {
          out = parse(input);
        } catch (err) {
          throw new Error(`${name} threw on ${scenario} ${INPUTS[name]} after ${mname}: ${(err as Error).message}`);
        }
        slowest = Math.max(slowest, performance.now() - t0);
        expect(isResultOrValue(out)).toBe(true);
        runs++;
      }
    }
    expect(runs).toBeGreaterThan(100);
    expect(slowest).toBeLessThan(500);
  });

  it('handles huge and deeply nested input quickly', () => {
    const huge = fixture('docker', 'iptables-save.txt').repeat(2000); // ~3 MB
    const nested = '['.repeat(200_000) + ']'.repeat(200_000);
    const longLine = '-A INPUT ' + '! '.repeat(100_000) + '-j ACCEPT';
    for (const [name, parse] of Object.entries(PARSERS)) {
      for (const input of [huge, nested, longLine, '', '\n\n\n', '\0\0\0']) {
        const t0 = performance.now();
        expect(() => parse(input), name).not.toThrow();
        expect(performance.now() - t0, `${name} on ${input.length} chars`).toBeLessThan(2000);
      }
    }
  });

  it('returns errors (not values) for plainly wrong input', () => {
    for (const parse of [parseLinks, parseAddresses, parseNftRuleset]) expect((parse('not json') as { ok: boolean }).ok).toBe(false);
    expect(parseIptablesSave('{"nftables": []}').ok).toBe(false);
  });
});
