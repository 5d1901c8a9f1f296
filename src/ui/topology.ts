// The lab's topology as the UI draws it: namespaces as boxes, their
// interfaces with addresses, bridges with their ports, veth pairs as links
// between boxes. `drawTopology` is pure: model in, lines of text out, so
// `nslab topo` prints exactly what the TUI shows.

export interface TopologyInterface {
  name: string;
  /** veth, bridge, loopback, ether (eth0), other. */
  kind: string;
  up: boolean;
  /** IPv4 addresses with prefix, e.g. "172.18.0.10/16". */
  addresses: string[];
  /** The bridge this interface is a port of. */
  master?: string;
  /** The other end of a veth pair. */
  peer?: { node: string; name: string };
  /** Where it leads when that is not a learner node (eth0: the LAN). */
  note?: string;
}

export interface TopologyNode {
  /** "host" or a learner namespace name. */
  name: string;
  interfaces: TopologyInterface[];
  /** Main-table routes, as `ip route` prints them, e.g. "default via 172.18.0.1". */
  routes?: string[];
}

export interface TopologyModel {
  /** The host first, then namespaces in `ip netns list` order. */
  nodes: TopologyNode[];
  ipForward?: boolean;
}

const LINK = '◀━▶';

/** One interface as a line: name, what it is, addresses, and where it leads. */
export function describeInterface(iface: TopologyInterface, indent = ''): string {
  const parts = [indent + iface.name];
  if (iface.kind === 'bridge') parts.push('[bridge]');
  if (iface.addresses.length > 0) parts.push(iface.addresses.join(' '));
  else if (iface.kind !== 'loopback' && iface.kind !== 'bridge' && !iface.master) parts.push('(no address)');
  if (iface.peer) parts.push(`${LINK} ${iface.peer.node}:${iface.peer.name}`);
  if (iface.note) parts.push(`─ ${iface.note}`);
  if (!iface.up) parts.push('(down)');
  return parts.join(' ');
}

/** The lines inside one node's box: bridges with their ports under them, then the rest. */
export function nodeLines(node: TopologyNode): string[] {
  const lines: string[] = [];
  const bridges = node.interfaces.filter((i) => i.kind === 'bridge');
  const bridgeNames = new Set(bridges.map((b) => b.name));
  const ports = (bridge: string): TopologyInterface[] => node.interfaces.filter((i) => i.master === bridge);
  const loose = node.interfaces.filter((i) => i.kind !== 'bridge' && !(i.master && bridgeNames.has(i.master)));
  // Loopback last unless it is all there is: it rarely matters, but "lo is down" does.
  const ordered = [...loose.filter((i) => i.kind !== 'loopback'), ...loose.filter((i) => i.kind === 'loopback')];
  for (const iface of ordered.filter((i) => i.kind !== 'loopback')) lines.push(describeInterface(iface));
  for (const bridge of bridges) {
    lines.push(describeInterface(bridge));
    const p = ports(bridge.name);
    p.forEach((port, i) => lines.push(describeInterface(port, i === p.length - 1 ? ' └ ' : ' ├ ')));
    if (p.length === 0) lines.push(' └ (no ports)');
  }
  for (const iface of ordered.filter((i) => i.kind === 'loopback')) lines.push(describeInterface(iface));
  for (const route of node.routes ?? []) lines.push(`↪ ${route}`);
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

/** The whole drawing: the host box across the top, namespaces below it. */
export function drawTopology(model: TopologyModel, width = 100): string[] {
  const host = model.nodes.find((n) => n.name === 'host');
  const spaces = model.nodes.filter((n) => n.name !== 'host');
  const lines: string[] = [];
  if (host) {
    const title = model.ipForward === undefined ? 'host' : `host · ip_forward=${model.ipForward ? 1 : 0}`;
    lines.push(...box(title, nodeLines(host)));
  }
  if (spaces.length === 0) {
    lines.push('(no network namespaces yet: `ip netns add NAME` creates one)');
    return lines;
  }
  lines.push(...flow(spaces.map((ns) => box(ns.name, nodeLines(ns))), width));
  return lines;
}
