// A snapshot as a graph, for drawing (pure).
//
//   nodes: one per place read — "host" first, then learner namespaces in
//          `ip netns list` order (sorted), then hidden machines ("@router"…).
//          Each lists its interfaces: name, type, up, IPv4 addresses, the
//          bridge it is plugged into, and the other end of a veth.
//   edges: { kind: 'veth', a, b }            a veth pair, once, a before b in node order
//          { kind: 'bridge', node, bridge, port }  `port` is plugged into `bridge` (same node)
//          { kind: 'external', a }           a veth whose other end is in no place read
//                                            (the host's eth0 leads to the hidden router)
import type { LabSnapshot } from './types.js';

export interface TopologyInterface {
  name: string;
  /** veth, bridge, loopback, dummy, …; undefined for a plain device. */
  type?: string;
  up: boolean;
  /** IPv4 addresses with prefix, e.g. "172.18.0.10/16". */
  addresses: string[];
  master?: string;
  peer?: { at: string; name: string };
}

export interface TopologyNode {
  /** The place label: "host", "netns0", "@router". */
  id: string;
  kind: 'host' | 'netns' | 'machine';
  interfaces: TopologyInterface[];
}

export interface Endpoint {
  node: string;
  iface: string;
}

export type TopologyEdge =
  | { kind: 'veth'; a: Endpoint; b: Endpoint }
  | { kind: 'bridge'; node: string; bridge: string; port: string }
  | { kind: 'external'; a: Endpoint };

export interface Topology {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}

function kindOf(id: string): TopologyNode['kind'] {
  return id === 'host' ? 'host' : id.startsWith('@') ? 'machine' : 'netns';
}

export function topologyOf(snapshot: LabSnapshot): Topology {
  const rank = (id: string): number => (id === 'host' ? 0 : id.startsWith('@') ? 2 : 1);
  const order = (id: string): number => {
    const i = snapshot.netns.indexOf(id);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const ids = Object.keys(snapshot.places).sort((a, b) => rank(a) - rank(b) || order(a) - order(b) || a.localeCompare(b));
  const nodes: TopologyNode[] = ids.map((id) => {
    const ns = snapshot.places[id]!;
    return {
      id,
      kind: kindOf(id),
      interfaces: ns.links.map((l) => {
        const iface: TopologyInterface = {
          name: l.name,
          up: l.up,
          addresses: ns.addresses.filter((a) => a.dev === l.name && a.family === 'inet').map((a) => a.cidr),
        };
        if (l.type !== undefined) iface.type = l.type;
        if (l.master !== undefined) iface.master = l.master;
        if (l.peer) iface.peer = { ...l.peer };
        return iface;
      }),
    };
  });
  const edges: TopologyEdge[] = [];
  const position = new Map(ids.map((id, i) => [id, i]));
  for (const node of nodes) {
    for (const iface of node.interfaces) {
      if (iface.master && node.interfaces.some((i) => i.name === iface.master && i.type === 'bridge')) {
        edges.push({ kind: 'bridge', node: node.id, bridge: iface.master, port: iface.name });
      }
      const link = snapshot.places[node.id]!.links.find((l) => l.name === iface.name);
      if (link?.peerIfindex === undefined || link.type !== 'veth') continue;
      if (!iface.peer) {
        edges.push({ kind: 'external', a: { node: node.id, iface: iface.name } });
        continue;
      }
      // each pair once: from the end that comes first
      const mine = position.get(node.id)!;
      const theirs = position.get(iface.peer.at) ?? Number.MAX_SAFE_INTEGER;
      if (mine < theirs || (mine === theirs && iface.name < iface.peer.name)) {
        edges.push({ kind: 'veth', a: { node: node.id, iface: iface.name }, b: { node: iface.peer.at, iface: iface.peer.name } });
      }
    }
  }
  return { nodes, edges };
}
