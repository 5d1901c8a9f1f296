// src/inspect: read a lab's real kernel state. Pure parsers (each returns a
// Result, never throws), one-command snapshots, veth peer resolution, and the
// topology model the UI draws.
export { parseAddresses } from './addresses.js';
export { chainPolicy, findChain, findTable, parseIptablesSave, BUILTIN_CHAINS } from './iptables.js';
export { parseLinks } from './links.js';
export { isKnown, KNOWN_STATES, parseNeighbours } from './neighbours.js';
export { baseChainsFor, parseNftRuleset } from './nft.js';
export { parseNsids } from './nsids.js';
export { resolvePeers } from './peers.js';
export type { Result } from './result.js';
export { parseRoutes } from './routes.js';
export { formatArgs, normaliseRule, sameRule, type NormalRule } from './rule.js';
export { DEFAULT_PLACES, parseSnapshotOutput, snapshotLab, snapshotScript, type SnapshotOptions } from './snapshot.js';
export { DEFAULT_SYSCTLS, parseSysctls } from './sysctls.js';
export { topologyOf, type Topology, type TopologyEdge, type TopologyInterface, type TopologyNode } from './topology.js';
export type * from './types.js';
