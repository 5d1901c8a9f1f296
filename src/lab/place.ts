// Where a command runs inside a lab: the learner's host (the lab's root
// network namespace), one of the learner's namespaces (`ip netns add`), or
// one of the hidden machines nslab simulates around the host.

export const MACHINES = ['router', 'internet', 'client'] as const;
export type MachineName = (typeof MACHINES)[number];

export type Place =
  | { kind: 'host' }
  | { kind: 'netns'; name: string }
  | { kind: 'machine'; name: MachineName };

export const HOST: Place = { kind: 'host' };

/** "host", "netns0", "@router" (the hidden machines take an @). */
export function parsePlace(text: string): Place {
  const t = text.trim();
  if (t === '' || t === 'host') return HOST;
  if (t.startsWith('@')) {
    const name = t.slice(1);
    if ((MACHINES as readonly string[]).includes(name)) return { kind: 'machine', name: name as MachineName };
    throw new Error(`unknown machine "${t}": use one of ${MACHINES.map((m) => '@' + m).join(', ')}`);
  }
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(t)) throw new Error(`"${t}" is not a valid namespace name`);
  return { kind: 'netns', name: t };
}

export function placeLabel(place: Place): string {
  if (place.kind === 'host') return 'host';
  if (place.kind === 'machine') return '@' + place.name;
  return place.name;
}

/** The network namespace file of a place, as seen inside the lab. */
export function netnsPath(place: Place): string | undefined {
  if (place.kind === 'netns') return `/run/netns/${place.name}`;
  if (place.kind === 'machine') return `/run/nslab/ns/${place.name}`;
  return undefined;
}
