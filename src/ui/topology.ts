// The lab's topology as the UI draws it: namespaces as boxes, their
// interfaces with addresses, bridges with their ports, veth pairs as links
// between boxes. The graph comes from the inspect layer (`topologyOf` of a
// snapshot); `topologyView` adds what a learner also wants to see (routes,
// ip_forward, what could not be read). Both it and `drawTopology` are pure:
// snapshot in, lines of text out, so `nslab topo` prints exactly what the TUI shows.
import { topologyOf, type Topology, type TopologyInterface, type TopologyNode } from '../inspect/topology.js';
import type { LabSnapshot, Route } from '../inspect/types.js';

export interface TopologyView {
  topology: Topology;
  /** Main-table IPv4 routes per node id, as `ip route` would start them: "default via 172.18.0.1 dev ceth0". */
  routes: Record<string, string[]>;
  /** The host's net.ipv4.ip_forward, when it could be read. */
  ipForward?: boolean;
  /** What could not be read, in words, e.g. "netns1: links: …". */
  problems: string[];
}

const LINK = '◀━▶';
/** Where the host's eth0 leads: the lab contract's upstream router, a hidden machine the learner never sees. */
const HOST_UPLINK = 'LAN (router 172.16.0.1)';

function formatRoute(r: Route): string {
  return [r.dst, r.gateway ? `via ${r.gateway}` : '', r.dev ? `dev ${r.dev}` : ''].filter(Boolean).join(' ');
}

/** Routes a learner adds or the kernel adds for an address: main table, IPv4, unicast. */
function shownRoutes(routes: Route[]): string[] {
  return routes.filter((r) => r.family === 'inet' && r.table === 'main' && r.type === 'unicast').map(formatRoute);
}

export function topologyView(snapshot: LabSnapshot): TopologyView {
  const topology = topologyOf(snapshot);
  const routes: Record<string, string[]> = {};
  const problems: string[] = [];
  for (const node of topology.nodes) {
    const place = snapshot.places[node.id];
    if (!place) continue;
    routes[node.id] = shownRoutes(place.routes);
    // Only what the drawing uses: a broken iptables read is the checks' business, not the picture's.
    for (const section of ['links', 'addresses', 'routes'] as const) {
      const why = place.errors[section];
      if (why) problems.push(`${node.id}: ${section}: ${why}`);
    }
  }
  for (const [place, why] of Object.entries(snapshot.missing)) problems.push(`${place}: ${why}`);
  const view: TopologyView = { topology, routes, problems };
  const forward = snapshot.places.host?.sysctls['net.ipv4.ip_forward'];
  if (forward !== undefined) view.ipForward = forward === '1';
  return view;
}

/** Where an interface leads, from the graph's edges: a veth end in another (or the same) node, or outside what was read. */
interface Leads {
  peer?: { at: string; name: string };
  external: boolean;
}

function leadsOf(topology: Topology, node: string, iface: string): Leads {
  for (const e of topology.edges) {
    if (e.kind === 'veth') {
      if (e.a.node === node && e.a.iface === iface) return { peer: { at: e.b.node, name: e.b.iface }, external: false };
      if (e.b.node === node && e.b.iface === iface) return { peer: { at: e.a.node, name: e.a.iface }, external: false };
    } else if (e.kind === 'external' && e.a.node === node && e.a.iface === iface) return { external: true };
  }
  return { external: false };
}

/** One interface as a line: name, what it is, addresses, and where it leads. */
export function describeInterface(iface: TopologyInterface, leads: Leads, node: string, indent = ''): string {
  const parts = [indent + iface.name];
  if (iface.type === 'bridge') parts.push('[bridge]');
  if (iface.addresses.length > 0) parts.push(iface.addresses.join(' '));
  else if (iface.type !== 'loopback' && iface.type !== 'bridge' && !iface.master) parts.push('(no address)');
  if (leads.peer) parts.push(`${LINK} ${leads.peer.at}:${leads.peer.name}`);
  else if (leads.external) parts.push(node === 'host' && iface.name === 'eth0' ? `─ ${HOST_UPLINK}` : `${LINK} (outside the lab's namespaces)`);
  if (!iface.up) parts.push('(down)');
  return parts.join(' ');
}

/** The lines inside one node's box: bridges with their ports under them, then the rest, then routes. */
export function nodeLines(node: TopologyNode, view: TopologyView): string[] {
  const { topology } = view;
  const line = (iface: TopologyInterface, indent = ''): string => describeInterface(iface, leadsOf(topology, node.id, iface.name), node.id, indent);
  const byName = new Map(node.interfaces.map((i) => [i.name, i]));
  const bridges = node.interfaces.filter((i) => i.type === 'bridge');
  const membership = topology.edges.filter((e): e is Extract<typeof e, { kind: 'bridge' }> => e.kind === 'bridge' && e.node === node.id);
  const ported = new Set(membership.map((e) => e.port));
  const loose = node.interfaces.filter((i) => i.type !== 'bridge' && !ported.has(i.name));
  const lines: string[] = [];
  for (const iface of loose.filter((i) => i.type !== 'loopback')) lines.push(line(iface));
  for (const bridge of bridges) {
    lines.push(line(bridge));
    const ports = membership.filter((e) => e.bridge === bridge.name).flatMap((e) => byName.get(e.port) ?? []);
    ports.forEach((port, i) => lines.push(line(port, i === ports.length - 1 ? ' └ ' : ' ├ ')));
    if (ports.length === 0) lines.push(' └ (no ports)');
  }
  // Loopback last: it rarely matters, but "lo is down" does.
  for (const iface of loose.filter((i) => i.type === 'loopback')) lines.push(line(iface));
  for (const route of view.routes[node.id] ?? []) lines.push(`↪ ${route}`);
  if (lines.length === 0) lines.push('(no interfaces)');
  return lines;
}

export function box(title: string, body: string[], width?: number): string[] {
  const inner = Math.max(width !== undefined ? width - 4 : 0, title.length + 2, ...body.map((l) => l.length));
  const top = `┌─ ${title} ${'─'.repeat(Math.max(0, inner - title.length - 1))}┐`;
  const rows = body.map((l) => `│ ${l.padEnd(inner)} │`);
  return [top, ...rows, `└${'─'.repeat(inner + 2)}┘`];
}

/** Place boxes side by side in rows no wider than `width`. */
export function flow(boxes: string[][], width: number, gap = 2): string[] {
  const out: string[] = [];
  let row: string[][] = [];
  let used = 0;
  const flush = (): void => {
    if (row.length === 0) return;
    const height = Math.max(...row.map((b) => b.length));
    for (let y = 0; y < height; y++) {
      out.push(row.map((b) => (b[y] ?? '').padEnd(b[0]?.length ?? 0)).join(' '.repeat(gap)).trimEnd());
    }
    row = [];
    used = 0;
  };
  for (const b of boxes) {
    const w = b[0]?.length ?? 0;
    if (row.length > 0 && used + gap + w > width) flush();
    used += (row.length > 0 ? gap : 0) + w;
    row.push(b);
  }
  flush();
  return out;
}

/** The whole drawing: the host box across the top, namespaces (and any hidden machine read) below it. */
export function drawTopology(view: TopologyView, width = 100): string[] {
  const nodes = view.topology.nodes;
  const host = nodes.find((n) => n.kind === 'host');
  const others = nodes.filter((n) => n.kind !== 'host');
  const lines: string[] = [];
  if (host) {
    const title = view.ipForward === undefined ? 'host' : `host · ip_forward=${view.ipForward ? 1 : 0}`;
    lines.push(...box(title, nodeLines(host, view)));
  }
  if (others.length === 0) lines.push('(no network namespaces yet: `ip netns add NAME` creates one)');
  else lines.push(...flow(others.map((n) => box(n.id, nodeLines(n, view))), width));
  for (const problem of view.problems) lines.push(`! could not read ${problem}`);
  return lines;
}
