// Which namespace and name a veth's peer has. Each end names the other's
// ifindex (`link_index`), numbered in the other end's namespace, and, when the
// peer is elsewhere, that namespace's nsid as seen from here (`link_netnsid`).
// Two ends pair when each names the other's ifindex; nsids, where this
// namespace has a name for them (`ip netns list`), settle any ambiguity.
import type { LabSnapshot, Link, NamespaceSnapshot } from './types.js';

interface End {
  place: NamespaceSnapshot;
  link: Link;
}

/** Fill in `peer` on every veth whose other end is in one of the snapshot's places. Mutates and returns the snapshot. */
export function resolvePeers(snapshot: LabSnapshot): LabSnapshot {
  const places = Object.values(snapshot.places);
  const ends: End[] = [];
  for (const place of places) for (const link of place.links) if (link.peerIfindex !== undefined) ends.push({ place, link });
  for (const a of ends) {
    const candidates = ends.filter((b) => b !== a && pairs(a, b) && pairs(b, a));
    const consistent = candidates.filter((b) => nsidFits(a, b) && nsidFits(b, a));
    const chosen = consistent.length === 1 ? consistent[0] : candidates.length === 1 ? candidates[0] : undefined;
    if (chosen) a.link.peer = { at: chosen.place.place, name: chosen.link.name };
  }
  return snapshot;
}

function pairs(a: End, b: End): boolean {
  if (a.link.peerIfindex !== b.link.ifindex) return false;
  // Same namespace: neither end names another namespace.
  if (a.place === b.place) return a.link.peerNetnsId === undefined;
  return a.link.peerNetnsId !== undefined;
}

/** a's link_netnsid is consistent with b's place, as far as a's namespace can name it. */
function nsidFits(a: End, b: End): boolean {
  if (a.place === b.place) return true;
  const id = a.link.peerNetnsId;
  const named = Object.entries(a.place.nsids);
  const nameOfId = named.find(([, n]) => n === id)?.[0];
  if (nameOfId !== undefined) return nameOfId === b.place.place;
  // a's namespace has no name for that id; then b is not one it has a different id for.
  const idOfB = a.place.nsids[b.place.place];
  return idOfB === undefined || idOfB === id;
}
