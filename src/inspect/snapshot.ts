// One snapshot of a lab's state in ONE command: a bash script that, for every
// place in parallel, enters its network namespace and prints marked sections
// (ip -json -batch for links/addresses/routes/neighbours/nsids, iptables-save,
// nft -j, sysctls read with bash builtins). A pure function splits and parses
// the output, so the parsing is tested on recorded output.
import { randomBytes } from 'node:crypto';
import type { Lab } from '../lab/lab.js';
import { netnsPath, parsePlace, placeLabel } from '../lab/place.js';
import { parseAddresses } from './addresses.js';
import { parseIptablesSave } from './iptables.js';
import { parseLinks } from './links.js';
import { parseNeighbours } from './neighbours.js';
import { parseNftRuleset } from './nft.js';
import { parseNsids } from './nsids.js';
import { resolvePeers } from './peers.js';
import type { Result } from './result.js';
import { parseRoutes } from './routes.js';
import { DEFAULT_SYSCTLS, parseSysctls, validSysctlKey } from './sysctls.js';
import { SECTIONS, type LabSnapshot, type NamespaceSnapshot, type Section } from './types.js';

/** "*" stands for every learner namespace. */
export const DEFAULT_PLACES = ['host', '*'];

export interface SnapshotOptions {
  /** Sysctls to read in every place, beyond DEFAULT_SYSCTLS. */
  sysctls?: string[];
  timeoutMs?: number;
}

/** The ip commands of the batch, in order, and the section each fills. */
const IP_BATCH: Array<[string, Section]> = [
  ['link show', 'links'],
  ['addr show', 'addresses'],
  ['route show table all', 'routes'],
  ['neigh show', 'neighbours'],
  ['netns list', 'nsids'],
];

function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The script. Places are labels ("host", "netns0", "@router", "*"). Each place
 * writes its own file (parallel writers to one pipe would interleave), then
 * one `cat` prints them all.
 */
export function snapshotScript(marker: string, places: readonly string[], sysctls: readonly string[]): string {
  const body = [
    'l=$1; shift',
    `echo "${marker} begin $l ip"`,
    `ip -json -details -force -batch - 2>&1 <<'NSLAB_IP'`,
    ...IP_BATCH.map(([cmd]) => cmd),
    'NSLAB_IP',
    `echo "${marker} status $?"`,
    `echo "${marker} begin $l iptables"`,
    'iptables-save 2>&1',
    `echo "${marker} status $?"`,
    `echo "${marker} begin $l nft"`,
    'nft -j list ruleset 2>&1',
    `echo "${marker} status $?"`,
    `echo "${marker} begin $l sysctls"`,
    'for k; do if IFS= read -r v <"/proc/sys/${k//.//}"; then echo "$k=$v"; else echo "$k!"; fi; done 2>/dev/null',
    `echo "${marker} end $l"`,
  ].join('\n');
  const lines = [
    'shopt -s nullglob',
    `M=${shq(marker)}`,
    `BODY=${shq(body)}`,
    `keys=(${sysctls.map(shq).join(' ')})`,
    't=/tmp/.nslab-snapshot.$$',
    'ns=(/run/netns/*)',
    'echo "$M netns"',
    'for f in "${ns[@]}"; do echo "${f##*/}"; done',
    // the host needs no new bash: a forked copy of this one runs the body
    'eval "body() { $BODY"$\'\\n\'"}"',
    'i=0',
    'snap() {',
    '  local out="$t.$i"; i=$((i+1))',
    '  echo "$M place $1"',
    '  if [ -z "$2" ]; then body "$1" "${keys[@]}" >"$out" 2>&1 &',
    '  elif [ -e "$2" ]; then nsenter --net="$2" bash -c "$BODY" - "$1" "${keys[@]}" >"$out" 2>&1 &',
    '  else echo "$M missing $1"; fi',
    '}',
  ];
  const everyNetns = places.includes('*');
  for (const place of places) {
    const path = place === '*' ? '' : (netnsPath(parsePlace(place)) ?? '');
    if (place === '*') lines.push('for f in "${ns[@]}"; do snap "${f##*/}" "$f"; done');
    // a learner namespace "*" reads anyway: only say if it is missing
    else if (everyNetns && path.startsWith('/run/netns/')) lines.push(`[ -e ${shq(path)} ] || echo "$M missing "${shq(place)}`);
    else lines.push(`snap ${shq(place)} ${shq(path)}`);
  }
  lines.push('wait', 'files=("$t".*)', '[ ${#files[@]} -gt 0 ] && cat "${files[@]}" && rm -f "${files[@]}"', 'exit 0');
  return lines.join('\n') + '\n';
}

interface RawSection {
  text: string;
  status?: number;
}

function emptyNamespace(place: string): NamespaceSnapshot {
  return {
    place,
    links: [],
    addresses: [],
    routes: [],
    neighbours: [],
    iptables: { tables: [], warnings: [], legacyTablesPresent: false },
    nft: { tables: [], chains: [], rules: [], nat: [] },
    sysctls: {},
    nsids: {},
    errors: {},
  };
}

/** Split the ip batch's output into one text per command ("Command failed -:N" marks a failed one). */
function splitIpBatch(text: string): Map<Section, Result<string>> {
  const out = new Map<Section, Result<string>>();
  const failed = new Map<number, string>();
  const json: string[] = [];
  let noise: string[] = [];
  for (const line of text.split('\n')) {
    const l = line.trim();
    if (l.startsWith('[') || l.startsWith('{')) json.push(l);
    else if (/^Command failed -:(\d+)/.test(l)) {
      failed.set(Number(/:(\d+)/.exec(l)![1]), noise.join(' ') || 'failed');
      noise = [];
    } else if (l) noise.push(l);
  }
  let next = 0;
  IP_BATCH.forEach(([cmd, section], i) => {
    const why = failed.get(i + 1);
    if (why !== undefined) out.set(section, { ok: false, error: `ip ${cmd}: ${why}` });
    else if (next < json.length) out.set(section, { ok: true, value: json[next++]! });
    else out.set(section, { ok: false, error: `ip ${cmd}: no output${noise.length ? `: ${noise.join(' ').slice(0, 200)}` : ''}` });
  });
  return out;
}

/** Parse the script's output (pure). Peers are resolved across the places read. */
export function parseSnapshotOutput(output: string, marker: string): Omit<LabSnapshot, 'takenAt' | 'durationMs'> {
  const netns: string[] = [];
  const raw = new Map<string, Map<string, RawSection>>();
  const ended = new Set<string>();
  const attempted = new Set<string>();
  const missing: Record<string, string> = {};
  let listing = false;
  let current: RawSection | undefined; // the section lines go to
  let last: RawSection | undefined; // the section a "status" line closes
  const prefix = marker + ' ';
  for (const line of output.split('\n')) {
    if (line.startsWith(prefix)) {
      // "begin LABEL SECTION", "status N", "end LABEL", "missing LABEL": a label may hold spaces
      const rest = line.slice(prefix.length);
      const space = rest.indexOf(' ');
      const word = space < 0 ? rest : rest.slice(0, space);
      const args = space < 0 ? '' : rest.slice(space + 1);
      const cut = args.lastIndexOf(' ');
      const label = word === 'begin' ? (cut < 0 ? '' : args.slice(0, cut)) : args;
      const section = word === 'begin' && cut >= 0 ? args.slice(cut + 1) : '';
      listing = word === 'netns';
      current = undefined;
      if (word === 'begin' && label) {
        const sections = raw.get(label) ?? new Map<string, RawSection>();
        raw.set(label, sections);
        current = last = { text: '' };
        sections.set(section, current);
      } else if (word === 'status' && last) last.status = Number(label);
      else if (word === 'end') ended.add(label);
      else if (word === 'place') attempted.add(label);
      else if (word === 'missing') missing[label] = '';
      continue;
    }
    if (listing) {
      if (line.trim()) netns.push(line.trim());
    } else if (current) current.text += line + '\n';
  }
  for (const label of Object.keys(missing)) missing[label] = describeMissing(label, netns);
  const places: Record<string, NamespaceSnapshot> = {};
  for (const [label, sections] of raw) places[label] = parsePlaceSections(label, sections, ended.has(label));
  // A place that was entered but printed nothing (e.g. /tmp was full): every section failed.
  for (const label of attempted) {
    if (places[label] || label in missing) continue;
    const ns = emptyNamespace(label);
    for (const section of SECTIONS) ns.errors[section] = 'nothing could be read (is /tmp full?)';
    places[label] = ns;
  }
  const snapshot = { netns: [...new Set(netns)].sort(), places, missing };
  resolvePeers({ ...snapshot, takenAt: 0, durationMs: 0 });
  return snapshot;
}

function parsePlaceSections(label: string, sections: Map<string, RawSection>, complete: boolean): NamespaceSnapshot {
  const ns = emptyNamespace(label);
  const notRead = complete ? 'not read' : 'the snapshot was cut short';
  const parseInto = <T>(section: Section, text: Result<string> | undefined, parse: (text: string) => Result<T>, set: (v: T) => void): void => {
    if (!text) ns.errors[section] = notRead;
    else if (!text.ok) ns.errors[section] = text.error;
    else {
      const r = parse(text.value);
      if (r.ok) set(r.value);
      else ns.errors[section] = r.error;
    }
  };
  const ip = sections.get('ip');
  const ipParts = ip ? splitIpBatch(ip.text) : undefined;
  parseInto('links', ipParts?.get('links'), parseLinks, (v) => (ns.links = v));
  parseInto('addresses', ipParts?.get('addresses'), parseAddresses, (v) => (ns.addresses = v));
  parseInto('routes', ipParts?.get('routes'), parseRoutes, (v) => (ns.routes = v));
  parseInto('neighbours', ipParts?.get('neighbours'), parseNeighbours, (v) => (ns.neighbours = v));
  parseInto('nsids', ipParts?.get('nsids'), parseNsids, (v) => (ns.nsids = v));
  const command = (name: string, what: string): Result<string> | undefined => {
    const s = sections.get(name);
    if (!s) return undefined;
    if (s.status === undefined) return { ok: false, error: `${what}: ${notRead}` };
    return s.status === 0 ? { ok: true, value: s.text } : { ok: false, error: `${what} failed: ${firstLines(s.text)}` };
  };
  parseInto('iptables', command('iptables', 'iptables-save'), parseIptablesSave, (v) => (ns.iptables = v));
  parseInto('nft', command('nft', 'nft'), parseNftRuleset, (v) => (ns.nft = v));
  const sys = sections.get('sysctls');
  parseInto('sysctls', sys && { ok: true, value: sys.text }, parseSysctls, (v) => (ns.sysctls = v));
  return ns;
}

function describeMissing(label: string, netns: string[]): string {
  if (label.startsWith('@')) return `the hidden machine ${label} is not available`;
  return `${label} does not exist (ip netns list shows ${netns.length ? [...new Set(netns)].sort().join(', ') : 'no namespaces'})`;
}

function firstLines(text: string): string {
  const t = text.trim().split('\n').slice(0, 3).join(' / ');
  return t.length > 200 ? t.slice(0, 200) + '…' : t || 'no output';
}

/** Normalise place texts to labels ("@router", "netns0", "host"); "*" passes through. Throws on a bad place. */
export function placeLabels(places: readonly string[]): string[] {
  return [...new Set(places.map((p) => (p === '*' ? '*' : placeLabel(parsePlace(p)))))];
}

/**
 * Read the state of a lab: by default the host and every learner namespace;
 * hidden machines ("@router") when asked. One command in the lab.
 */
export async function snapshotLab(lab: Lab, places: readonly string[] = DEFAULT_PLACES, options: SnapshotOptions = {}): Promise<LabSnapshot> {
  const started = performance.now();
  const takenAt = Date.now();
  const marker = `NSLAB-SNAPSHOT-${randomBytes(6).toString('hex')}`;
  const keys = [...new Set([...DEFAULT_SYSCTLS, ...(options.sysctls ?? []).filter(validSysctlKey)])];
  const result = await lab.run(snapshotScript(marker, placeLabels(places), keys), {
    timeoutMs: options.timeoutMs ?? 10_000,
    maxOutputBytes: 16 * 1024 * 1024,
  });
  const parsed = parseSnapshotOutput(result.stdout, marker);
  if (result.timedOut || result.truncated) {
    for (const ns of Object.values(parsed.places)) ns.errors.links ??= result.timedOut ? 'the snapshot timed out' : 'the snapshot output was too large';
  }
  return { ...parsed, takenAt, durationMs: Math.round(performance.now() - started) };
}
