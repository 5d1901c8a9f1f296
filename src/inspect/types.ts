// The state of a lab as src/inspect reads it: per place (the host, a learner
// namespace, a hidden machine) its links, addresses, routes, neighbours,
// iptables and nftables rules and a few sysctls. Plain data: JSON-safe, so a
// snapshot can be recorded as a fixture and replayed in tests.
import type { IptablesState } from './iptables.js';
import type { NftState } from './nft.js';

export type { IptablesState, IptablesTable, IptablesChain, IptablesRule } from './iptables.js';
export type { NftState, NftChain, NftRule, NftNatStatement } from './nft.js';

export interface Link {
  ifindex: number;
  name: string;
  /** `linkinfo.info_kind` (veth, bridge, dummy, …); "loopback" for lo; undefined for a plain device. */
  type?: string;
  /** Administratively up: the flags include UP (`ip link set X up`). */
  up: boolean;
  /** The kernel's operational state: UP, DOWN, LOWERLAYERDOWN, UNKNOWN (lo). */
  operstate: string;
  /** The bridge (or other master) this link is enslaved to. */
  master?: string;
  mac?: string;
  mtu?: number;
  /** A veth's peer ifindex, numbered in the peer's own namespace (`link_index`). */
  peerIfindex?: number;
  /** The peer's namespace, as this namespace's nsid numbers it (`link_netnsid`); absent: same namespace. */
  peerNetnsId?: number;
  /** Where the other end of a veth is, once resolved across places (see peers.ts). */
  peer?: { at: string; name: string };
  /** The bridge port state (forwarding, disabled, …) when enslaved to a bridge. */
  portState?: string;
}

export interface Address {
  dev: string;
  family: 'inet' | 'inet6';
  address: string;
  prefixlen: number;
  /** address/prefixlen, e.g. "172.18.0.10/16". */
  cidr: string;
  scope?: string;
}

export interface Route {
  /** As ip prints it: "default", "172.18.0.0/16", or a bare host address. */
  dst: string;
  family: 'inet' | 'inet6';
  /** unicast (the default), local, broadcast, multicast, blackhole, unreachable, … */
  type: string;
  /** "main" when ip prints no table. */
  table: string;
  gateway?: string;
  dev?: string;
  protocol?: string;
  scope?: string;
  prefsrc?: string;
  metric?: number;
  /** Multipath routes: one entry per path. */
  nexthops?: Array<{ gateway?: string; dev?: string }>;
}

export interface Neighbour {
  dst: string;
  dev?: string;
  lladdr?: string;
  /** e.g. ["REACHABLE"], ["STALE"], ["FAILED"], ["INCOMPLETE"], ["PERMANENT"]. */
  state: string[];
  router?: boolean;
}

/** Sysctls by dotted key ("net.ipv4.ip_forward" → "1"); unreadable keys are absent. */
export type Sysctls = Record<string, string>;

export const SECTIONS = ['links', 'addresses', 'routes', 'neighbours', 'nsids', 'iptables', 'nft', 'sysctls'] as const;
export type Section = (typeof SECTIONS)[number];

export interface NamespaceSnapshot {
  /** "host", "netns0", "@router". */
  place: string;
  links: Link[];
  addresses: Address[];
  routes: Route[];
  neighbours: Neighbour[];
  iptables: IptablesState;
  nft: NftState;
  sysctls: Sysctls;
  /** Names of /run/netns entries as this namespace's nsids number them (`ip netns list`). */
  nsids: Record<string, number>;
  /** Sections that could not be read or parsed, with why. Their fields above are empty. */
  errors: Partial<Record<Section, string>>;
}

export interface LabSnapshot {
  /** The learner's namespaces (`ip netns list`), sorted. */
  netns: string[];
  /** Every place read, by label: "host", learner namespaces, and hidden machines asked for. */
  places: Record<string, NamespaceSnapshot>;
  /** Places asked for that could not be entered (e.g. a namespace that does not exist), with why. */
  missing: Record<string, string>;
  /** When it was taken (ms since the epoch) and how long it took. */
  takenAt: number;
  durationMs: number;
}
