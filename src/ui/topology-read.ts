// Read a lab's topology in one command (one nsenter), and parse it into the
// model `drawTopology` draws. The parser is pure, tested on recorded output.
// (src/inspect's snapshot will be the richer reader; this one only needs
// links, addresses, routes and veth peers.)
import type { TopologyInterface, TopologyModel, TopologyNode } from './topology.js';

export const TOPOLOGY_SCRIPT = [
  'echo "@@node host"; ip -j -d addr; echo; echo "@@routes"; ip -j route; echo',
  'for ns in $(ip netns list | cut -d" " -f1); do echo "@@node $ns"; ip -n "$ns" -j -d addr; echo; echo "@@routes"; ip -n "$ns" -j route; echo; done',
  'echo "@@ids"; ip -j netns list; echo',
  'echo "@@forward"; cat /proc/sys/net/ipv4/ip_forward',
].join('\n');

interface IpAddr {
  ifindex: number;
  ifname: string;
  link_index?: number;
  link_netnsid?: number;
  master?: string;
  flags?: string[];
  operstate?: string;
  link_type?: string;
  linkinfo?: { info_kind?: string };
  addr_info?: Array<{ family: string; local: string; prefixlen: number }>;
}

interface IpRoute {
  dst: string;
  gateway?: string;
  dev?: string;
}

interface RawNode {
  name: string;
  addrs: IpAddr[];
  routes: IpRoute[];
}

function parseJson<T>(text: string, fallback: T): T {
  const t = text.trim();
  if (!t) return fallback;
  try {
    return JSON.parse(t) as T;
  } catch {
    return fallback;
  }
}

/** Split the script's output into its sections. */
function sections(output: string): { nodes: RawNode[]; ids: Array<{ name: string; id?: number }>; forward?: boolean } {
  const nodes: RawNode[] = [];
  let ids: Array<{ name: string; id?: number }> = [];
  let forward: boolean | undefined;
  const parts = output.split(/^@@/m).filter((p) => p.trim());
  let current: RawNode | undefined;
  for (const part of parts) {
    const nl = part.indexOf('\n');
    const head = (nl < 0 ? part : part.slice(0, nl)).trim();
    const body = nl < 0 ? '' : part.slice(nl + 1);
    if (head.startsWith('node ')) {
      current = { name: head.slice(5).trim(), addrs: parseJson<IpAddr[]>(body, []), routes: [] };
      nodes.push(current);
    } else if (head === 'routes' && current) {
      current.routes = parseJson<IpRoute[]>(body, []);
    } else if (head === 'ids') {
      ids = parseJson(body, []);
    } else if (head === 'forward') {
      forward = body.trim() === '1';
    }
  }
  return { nodes, ids, forward };
}

function kindOf(a: IpAddr): string {
  if (a.link_type === 'loopback') return 'loopback';
  return a.linkinfo?.info_kind ?? 'other';
}

function formatRoute(r: IpRoute): string {
  return [r.dst, r.gateway ? `via ${r.gateway}` : '', r.dev ? `dev ${r.dev}` : ''].filter(Boolean).join(' ');
}

export function parseTopology(output: string): TopologyModel {
  const { nodes, ids, forward } = sections(output);
  const nameOfId = new Map<number, string>();
  for (const e of ids) if (typeof e.id === 'number') nameOfId.set(e.id, e.name);
  // Pair veth ends: each end names the other's ifindex (link_index).
  const peerOf = (node: RawNode, a: IpAddr): { node: string; name: string } | undefined => {
    if (a.link_index === undefined || a.link_netnsid === undefined) return undefined;
    const candidates = node.name === 'host' ? nodes.filter((n) => n.name === nameOfId.get(a.link_netnsid!)) : nodes.filter((n) => n !== node);
    for (const other of candidates) {
      const match = other.addrs.find((b) => b.ifindex === a.link_index && b.link_index === a.ifindex && b.link_netnsid !== undefined);
      if (match) return { node: other.name, name: match.ifname };
    }
    return undefined;
  };
  const ordered = [...nodes].sort((a, b) => (a.name === 'host' ? -1 : b.name === 'host' ? 1 : a.name.localeCompare(b.name, 'en', { numeric: true })));
  const model: TopologyModel = {
    nodes: ordered.map(
      (node): TopologyNode => ({
        name: node.name,
        interfaces: node.addrs.map(
          (a): TopologyInterface => ({
            name: a.ifname,
            kind: kindOf(a),
            up: (a.flags ?? []).includes('UP'),
            addresses: (a.addr_info ?? []).filter((i) => i.family === 'inet').map((i) => `${i.local}/${i.prefixlen}`),
            ...(a.master ? { master: a.master } : {}),
            ...(peerOf(node, a) ? { peer: peerOf(node, a)! } : {}),
            ...(node.name === 'host' && a.ifname === 'eth0' ? { note: 'LAN (router 172.16.0.1)' } : {}),
          }),
        ),
        routes: node.routes.map(formatRoute),
      }),
    ),
  };
  if (forward !== undefined) model.ipForward = forward;
  return model;
}
