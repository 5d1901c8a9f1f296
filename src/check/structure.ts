// Structure checks: judged against one snapshot of the lab (pure functions).
import { parsePrefix, parseIpv4, canonicalNetwork } from '../inspect/ipv4.js';
import { chainPolicy, findChain, findTable } from '../inspect/iptables.js';
import { isKnown } from '../inspect/neighbours.js';
import { baseChainsFor } from '../inspect/nft.js';
import { formatArgs, normaliseRule } from '../inspect/rule.js';
import type { LabSnapshot, NamespaceSnapshot, Route, Section } from '../inspect/types.js';
import { parsePlace, placeLabel } from '../lab/place.js';
import type { CheckKind } from './types.js';
import { fail, listWords, PASS, possessive, who, type Verdict } from './verdict.js';

export type StructureCheck = Extract<
  CheckKind,
  { kind: 'netns' | 'link' | 'address' | 'no-address' | 'route' | 'neighbour' | 'sysctl' | 'iptables-policy' | 'iptables-rule' }
>;

export const STRUCTURE_KINDS: ReadonlySet<string> = new Set([
  'netns', 'link', 'address', 'no-address', 'route', 'neighbour', 'sysctl', 'iptables-policy', 'iptables-rule',
]);

export function isStructureCheck(check: CheckKind): check is StructureCheck {
  return STRUCTURE_KINDS.has(check.kind);
}

/** Places (labels) and sysctl keys a set of structure checks needs in the snapshot. */
export function snapshotNeeds(checks: readonly CheckKind[]): { places: string[]; sysctls: string[] } {
  const places = new Set<string>();
  const sysctls = new Set<string>();
  for (const c of checks) {
    if (!isStructureCheck(c) || c.kind === 'netns') continue;
    try {
      places.add(placeLabel(parsePlace(c.at)));
    } catch {
      // reported by the check itself
    }
    if (c.kind === 'sysctl') sysctls.add(c.key);
  }
  return { places: [...places], sysctls: [...sysctls] };
}

type Lookup = { ns: NamespaceSnapshot; label: string } | { verdict: Verdict };

function lookup(snapshot: LabSnapshot, at: string, needs: Section[]): Lookup {
  let label: string;
  try {
    label = placeLabel(parsePlace(at));
  } catch (err) {
    return { verdict: fail((err as Error).message) };
  }
  const ns = snapshot.places[label];
  if (!ns) {
    const why = label.startsWith('@')
      ? (snapshot.missing[label] ?? `the hidden machine ${label} was not inspected`)
      : `${label} does not exist (ip netns list shows ${snapshot.netns.length ? listWords(snapshot.netns) : 'no namespaces'})`;
    return { verdict: fail(why) };
  }
  for (const s of needs) {
    const e = ns.errors[s];
    if (e) return { verdict: fail(`could not read the ${s === 'iptables' ? 'iptables rules' : s} of ${who(label)}: ${e}`) };
  }
  return { ns, label };
}

export function evaluateStructure(check: StructureCheck, snapshot: LabSnapshot): Verdict {
  switch (check.kind) {
    case 'netns':
      return netnsCheck(check, snapshot);
    case 'link':
      return linkCheck(check, snapshot);
    case 'address':
      return addressCheck(check, snapshot);
    case 'no-address':
      return noAddressCheck(check, snapshot);
    case 'route':
      return routeCheck(check, snapshot);
    case 'neighbour':
      return neighbourCheck(check, snapshot);
    case 'sysctl':
      return sysctlCheck(check, snapshot);
    case 'iptables-policy':
      return policyCheck(check, snapshot);
    case 'iptables-rule':
      return ruleCheck(check, snapshot);
  }
}

// --- netns -------------------------------------------------------------------

function netnsCheck(c: Extract<CheckKind, { kind: 'netns' }>, s: LabSnapshot): Verdict {
  const present = s.netns.includes(c.name);
  if (c.exists === false) return present ? fail(`the network namespace ${c.name} still exists; expected it gone`) : PASS;
  if (present) return PASS;
  return fail(`there is no network namespace ${c.name} (ip netns list shows ${s.netns.length ? listWords(s.netns) : 'none'})`);
}

// --- link --------------------------------------------------------------------

function kindWords(type: string | undefined): string {
  if (type === undefined) return 'a plain network device';
  if (type === 'loopback') return 'the loopback device';
  return /^[aeiou]/i.test(type) ? `an ${type}` : `a ${type}`;
}

function linkCheck(c: Extract<CheckKind, { kind: 'link' }>, s: LabSnapshot): Verdict {
  const l = lookup(s, c.at, ['links']);
  if ('verdict' in l) return l.verdict;
  const link = l.ns.links.find((x) => x.name === c.name);
  if (c.exists === false) return link ? fail(`${who(l.label)} still has a link called ${c.name}; expected none`) : PASS;
  if (!link) {
    const others = l.ns.links.map((x) => x.name);
    const elsewhere = Object.values(s.places).find((p) => p !== l.ns && p.links.some((x) => x.name === c.name));
    return fail(
      `${who(l.label)} has no link ${c.name}` +
        (elsewhere ? ` (there is one in ${who(elsewhere.place)})` : `; it has ${others.length ? listWords(others) : 'no links'}`),
    );
  }
  const problems: string[] = [];
  if (c.type !== undefined && link.type !== c.type) problems.push(`${c.name} is ${kindWords(link.type)}, expected ${kindWords(c.type)}`);
  if (c.up !== undefined && link.up !== c.up) problems.push(c.up ? `${c.name} is down, expected up` : `${c.name} is up, expected down`);
  if (c.master === null && link.master) problems.push(`${c.name} is plugged into ${link.master}, expected no master`);
  if (typeof c.master === 'string' && link.master !== c.master) {
    problems.push(link.master ? `${c.name} is plugged into ${link.master}, expected ${c.master}` : `${c.name} is not plugged into ${c.master}`);
  }
  if (c.peer) {
    const want = placeLabelOr(c.peer.at);
    if (link.peerIfindex === undefined) problems.push(`${c.name} is ${kindWords(link.type)}, not one end of a veth pair`);
    else if (!link.peer) problems.push(`the other end of ${c.name} is not in any of the lab's namespaces, expected ${c.peer.name} in ${who(want)}`);
    else if (link.peer.at !== want || link.peer.name !== c.peer.name)
      problems.push(`the other end of ${c.name} is ${link.peer.name} in ${who(link.peer.at)}, expected ${c.peer.name} in ${who(want)}`);
  }
  return problems.length ? fail(problems.join('; ')) : PASS;
}

function placeLabelOr(text: string): string {
  try {
    return placeLabel(parsePlace(text));
  } catch {
    return text;
  }
}

// --- addresses ---------------------------------------------------------------

function ipv4Of(ns: NamespaceSnapshot, dev?: string): Array<{ dev: string; cidr: string; address: string; prefixlen: number }> {
  return ns.addresses.filter((a) => a.family === 'inet' && (dev === undefined || a.dev === dev));
}

function addressCheck(c: Extract<CheckKind, { kind: 'address' }>, s: LabSnapshot): Verdict {
  const l = lookup(s, c.at, ['addresses', 'links']);
  if ('verdict' in l) return l.verdict;
  const want = parsePrefix(c.cidr);
  if (!want) return fail(`"${c.cidr}" is not an IPv4 address with prefix`);
  const withPrefix = c.cidr.includes('/');
  const sameAddr = ipv4Of(l.ns).filter((a) => parseIpv4(a.address) === want.addr);
  const exact = sameAddr.filter((a) => (!withPrefix || a.prefixlen === want.len) && (c.dev === undefined || a.dev === c.dev));
  const on = c.dev ? ` on ${c.dev}` : '';
  if (c.exists === false) {
    return exact.length ? fail(`${who(l.label)} has ${exact[0]!.cidr} on ${exact[0]!.dev}; expected no such address${on}`) : PASS;
  }
  if (exact.length) return PASS;
  if (c.dev !== undefined && !l.ns.links.some((x) => x.name === c.dev)) return fail(`${who(l.label)} has no link ${c.dev}, so no address ${c.cidr} on it`);
  const onDev = sameAddr.find((a) => c.dev === undefined || a.dev === c.dev);
  if (onDev) return fail(`${onDev.dev} in ${who(l.label)} has ${onDev.cidr}, expected ${c.cidr} (the prefix length differs)`);
  const elsewhere = sameAddr[0];
  if (elsewhere) return fail(`${c.cidr.split('/')[0]} is on ${elsewhere.dev} in ${who(l.label)}, expected it on ${c.dev}`);
  const have = ipv4Of(l.ns, c.dev).filter((a) => !a.address.startsWith('127.'));
  const found = have.map((a) => (c.dev ? a.cidr : `${a.cidr} on ${a.dev}`));
  return fail(
    c.dev
      ? `${c.dev} in ${who(l.label)} has no address ${c.cidr}; ${found.length ? `it has ${listWords(found)}` : 'it has no IPv4 address'}`
      : `${who(l.label)} has no address ${c.cidr}; ${found.length ? `found ${listWords(found)}` : 'it has no IPv4 address besides loopback'}`,
  );
}

function noAddressCheck(c: Extract<CheckKind, { kind: 'no-address' }>, s: LabSnapshot): Verdict {
  const l = lookup(s, c.at, ['addresses', 'links']);
  if ('verdict' in l) return l.verdict;
  const link = l.ns.links.find((x) => x.name === c.dev);
  if (!link) return fail(`${who(l.label)} has no link ${c.dev}`);
  const addrs = ipv4Of(l.ns, c.dev).map((a) => a.cidr);
  if (addrs.length === 0) return PASS;
  const master = link.master ? l.ns.links.find((x) => x.name === link.master) : undefined;
  const what = `${c.dev} has address${addrs.length > 1 ? 'es' : ''} ${listWords(addrs)}`;
  return fail(master?.type === 'bridge' ? `${what}; bridge ports should carry no IP address` : `${what}; expected no IPv4 address`);
}

// --- routes ------------------------------------------------------------------

export function formatRoute(r: Route): string {
  const parts = [r.dst];
  if (r.nexthops?.length) for (const h of r.nexthops) parts.push(`nexthop${h.gateway ? ` via ${h.gateway}` : ''}${h.dev ? ` dev ${h.dev}` : ''}`);
  if (r.gateway) parts.push(`via ${r.gateway}`);
  if (r.dev) parts.push(`dev ${r.dev}`);
  if (r.type !== 'unicast') parts.unshift(r.type);
  return parts.join(' ');
}

function routeName(dst: string): string {
  return canonicalNetwork(dst) === '0.0.0.0/0' ? 'default route' : `route to ${dst}`;
}

/** "via 172.18.0.1 on ceth0" / "out of ceth0". */
function routeWay(via: string | undefined, dev: string | undefined): string {
  if (via) return `via ${via}${dev ? ` on ${dev}` : ''}`;
  return dev ? `out of ${dev}` : 'elsewhere';
}

function routeMatches(r: Route, via?: string, dev?: string): boolean {
  const hops = r.nexthops?.length ? r.nexthops : [{ gateway: r.gateway, dev: r.dev }];
  return hops.some((h) => (via === undefined || h.gateway === via) && (dev === undefined || h.dev === dev));
}

function routeCheck(c: Extract<CheckKind, { kind: 'route' }>, s: LabSnapshot): Verdict {
  const l = lookup(s, c.at, ['routes']);
  if ('verdict' in l) return l.verdict;
  const want = canonicalNetwork(c.dst);
  if (!want) return fail(`"${c.dst}" is not a destination (use "default" or an address with prefix)`);
  const main = l.ns.routes.filter((r) => r.table === 'main' && r.family === 'inet');
  const sameDst = main.filter((r) => canonicalNetwork(r.dst) === want);
  const matching = sameDst.filter((r) => routeMatches(r, c.via, c.dev));
  const wanted = `${routeName(c.dst)}${c.via ? ` via ${c.via}` : ''}${c.dev ? ` dev ${c.dev}` : ''}`;
  if (c.exists === false) return matching.length ? fail(`${who(l.label)} has a route ${formatRoute(matching[0]!)}; expected none`) : PASS;
  if (matching.length) return PASS;
  if (sameDst.length) {
    const goes = sameDst.map((r) => routeWay(r.gateway, r.dev)).join(', and ');
    return fail(`${possessive(l.label)} ${routeName(c.dst)} goes ${goes}, expected ${routeWay(c.via, c.dev)}`);
  }
  if (main.length === 0) return fail(`${who(l.label)} has no ${routeName(c.dst)}; it has no routes at all`);
  const found = main.map(formatRoute);
  return fail(`${who(l.label)} has no ${wanted}; found ${found.length <= 4 ? 'only ' : ''}${listWords(found, 4)}`);
}

// --- neighbours --------------------------------------------------------------

function neighbourCheck(c: Extract<CheckKind, { kind: 'neighbour' }>, s: LabSnapshot): Verdict {
  const l = lookup(s, c.at, ['neighbours']);
  if ('verdict' in l) return l.verdict;
  const entries = l.ns.neighbours.filter((n) => n.dst === c.address);
  const here = entries.filter((n) => c.dev === undefined || n.dev === c.dev);
  const known = here.filter(isKnown);
  const state = (n: { dev?: string; state: string[] }): string => `${n.state.join(',') || 'no state'}${n.dev ? ` on ${n.dev}` : ''}`;
  if (c.exists === false) return known.length ? fail(`${who(l.label)} lists ${c.address} as a neighbour (${state(known[0]!)}); expected not`) : PASS;
  if (known.length) return PASS;
  if (here.length) return fail(`${who(l.label)} does not know ${c.address}'s link-layer address: its neighbour entry is ${state(here[0]!)}`);
  const other = entries.find(isKnown);
  if (other) return fail(`${who(l.label)} knows ${c.address} on ${other.dev}, expected on ${c.dev}`);
  const all = l.ns.neighbours.filter(isKnown).map((n) => n.dst);
  return fail(`${who(l.label)} has no neighbour entry for ${c.address}; ${all.length ? `it knows ${listWords(all)}` : 'its neighbour table is empty'}`);
}

// --- sysctls -----------------------------------------------------------------

function sysctlCheck(c: Extract<CheckKind, { kind: 'sysctl' }>, s: LabSnapshot): Verdict {
  const l = lookup(s, c.at, ['sysctls']);
  if ('verdict' in l) return l.verdict;
  const have = l.ns.sysctls[c.key];
  const want = String(c.value).trim().replace(/\s+/g, ' ');
  if (have === undefined) return fail(`${c.key} cannot be read in ${who(l.label)} (no such setting)`);
  return have === want ? PASS : fail(`${c.key} is ${have} in ${who(l.label)}, expected ${want}`);
}

// --- iptables ----------------------------------------------------------------

function legacyNote(ns: NamespaceSnapshot): string {
  return ns.iptables.legacyTablesPresent ? ' (rules made with iptables-legacy exist too; nslab reads the nf_tables ones)' : '';
}

function policyCheck(c: Extract<CheckKind, { kind: 'iptables-policy' }>, s: LabSnapshot): Verdict {
  const l = lookup(s, c.at, ['iptables']);
  if ('verdict' in l) return l.verdict;
  const table = c.table ?? 'filter';
  const want = c.policy.toUpperCase();
  const ipt = chainPolicy(l.ns.iptables, table, c.chain);
  if (ipt === undefined) return fail(`the ${table} table has no built-in chain ${c.chain}`);
  // A native nft base chain on the same hook that drops by default drops too.
  const dropping = baseChainsFor(l.ns.nft, table, c.chain).filter((ch) => ch.policy === 'drop' && !(ch.family === 'ip' && ch.table === table));
  const effective = ipt === 'DROP' || dropping.length > 0 ? 'DROP' : ipt;
  if (effective === want) return PASS;
  if (ipt === want && dropping.length) {
    const ch = dropping[0]!;
    return fail(`${c.chain} policy is ${ipt}, but the nft chain ${ch.family} ${ch.table} ${ch.name} drops by default (policy drop)`);
  }
  return fail(`${c.chain} policy is ${ipt}, expected ${want}${table === 'filter' ? '' : ` (table ${table})`}${legacyNote(l.ns)}`);
}

interface Candidate {
  /** `the rule` as shown, and where it comes from when not iptables-save. */
  text: string;
  source?: string;
  key: string;
  target?: string;
  parts: string[];
}

function ruleCandidates(ns: NamespaceSnapshot, table: string, chain: string): Candidate[] {
  const out: Candidate[] = [];
  const t = findTable(ns.iptables, table);
  const ch = t ? findChain(t, chain) : undefined;
  for (const r of ch?.rules ?? []) {
    const n = normaliseRule(r.args);
    out.push({ text: r.text, key: n.key, parts: n.parts, ...(n.target ? { target: n.target } : {}) });
  }
  // Native nft rules where this chain would be: a base chain on its hook, or a chain of the same name.
  const hooked = new Set(baseChainsFor(ns.nft, table, chain).map((c) => `${c.family} ${c.table} ${c.name}`));
  for (const r of ns.nft.rules) {
    if (!r.iptables || r.xt || (r.family !== 'ip' && r.family !== 'inet')) continue;
    if (!hooked.has(`${r.family} ${r.table} ${r.chain}`) && r.chain !== chain) continue;
    const n = normaliseRule(r.iptables);
    out.push({ text: formatArgs(r.iptables), source: `nft ${r.family} ${r.table} ${r.chain}`, key: n.key, parts: n.parts, ...(n.target ? { target: n.target } : {}) });
  }
  return out;
}

function ruleCheck(c: Extract<CheckKind, { kind: 'iptables-rule' }>, s: LabSnapshot): Verdict {
  const l = lookup(s, c.at, ['iptables']);
  if ('verdict' in l) return l.verdict;
  const table = c.table ?? 'filter';
  const want = normaliseRule(c.rule);
  const shown = c.rule.trim();
  const candidates = ruleCandidates(l.ns, table, c.chain);
  const match = candidates.find((x) => x.key === want.key);
  const where = `${table} ${c.chain}`;
  const show = (x: Candidate): string => `\`${x.text}\`${x.source ? ` (${x.source})` : ''}`;
  if (c.exists === false) return match ? fail(`${where} has the rule ${show(match)}; expected no such rule`) : PASS;
  if (match) return PASS;
  if (candidates.length === 0) return fail(`no rule in ${where} matches \`${shown}\`; the chain has no rules${legacyNote(l.ns)}`);
  // Show the closest rules first: same target, most parts in common.
  const score = (x: Candidate): number => (x.target === want.target ? 100 : 0) + x.parts.filter((p) => want.parts.includes(p)).length;
  const closest = [...candidates].sort((a, b) => score(b) - score(a)).slice(0, 3).map(show);
  return fail(`no rule in ${where} matches \`${shown}\`; it has ${closest.join(', ')}${candidates.length > 3 ? ', …' : ''}${legacyNote(l.ns)}`);
}

