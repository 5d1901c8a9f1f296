// What the learner typed at the prompt: a command for the lab, or one of the
// prompt's own `:` commands. Pure, so every form is unit-tested.
import { parsePlace, placeLabel, type Place } from '../lab/place.js';

export type PromptAction =
  | { kind: 'run'; command: string }
  | { kind: 'at'; place: Place }
  | { kind: 'shell' }
  | { kind: 'leave' }
  | { kind: 'help' }
  | { kind: 'none' }
  | { kind: 'error'; message: string };

export const PROMPT_HELP = ':at PLACE (host, netns0, @client…) · :shell · :q leave the prompt · Tab cycles places · ↑/↓ history';

export function parsePromptLine(line: string): PromptAction {
  const text = line.trim();
  if (!text) return { kind: 'none' };
  if (!text.startsWith(':')) return { kind: 'run', command: text };
  const [word = '', ...args] = text.slice(1).trim().split(/\s+/);
  switch (word) {
    case 'at':
    case 'cd': {
      if (args.length !== 1) return { kind: 'error', message: 'usage: :at PLACE, e.g. :at netns0 or :at host' };
      try {
        return { kind: 'at', place: parsePlace(args[0]!) };
      } catch (err) {
        return { kind: 'error', message: (err as Error).message };
      }
    }
    case 'shell':
    case 'sh':
      return { kind: 'shell' };
    case 'q':
    case 'quit':
    case 'exit':
      return { kind: 'leave' };
    case 'help':
    case 'h':
    case '?':
      return { kind: 'help' };
    default:
      return { kind: 'error', message: `unknown prompt command ":${word}". ${PROMPT_HELP}` };
  }
}

/** The next place when cycling with Tab: host, then the namespaces in order, then host again. */
export function nextPlace(current: Place, namespaces: string[]): Place {
  const ring: Place[] = [{ kind: 'host' }, ...namespaces.map((name): Place => ({ kind: 'netns', name }))];
  const at = ring.findIndex((p) => placeLabel(p) === placeLabel(current));
  return ring[(at + 1) % ring.length]!;
}

/** `ip netns list` output → names ("netns0 (id: 0)" → "netns0"), sorted naturally. */
export function parseNetnsList(output: string): string[] {
  return output
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** Command history: ↑ walks back, ↓ forward, and the line being typed is kept as a draft. */
export interface History {
  entries: string[];
  /** entries.length means "the draft line". */
  index: number;
  draft: string;
}

export const emptyHistory = (entries: string[] = []): History => ({ entries, index: entries.length, draft: '' });

export function historyPush(h: History, line: string, limit = 200): History {
  const t = line.trim();
  const entries = t && h.entries[h.entries.length - 1] !== t ? [...h.entries, t].slice(-limit) : h.entries;
  return { entries, index: entries.length, draft: '' };
}

export function historyUp(h: History, typed: string): { history: History; text: string } {
  if (h.index === 0 || h.entries.length === 0) return { history: h, text: typed };
  const draft = h.index === h.entries.length ? typed : h.draft;
  const index = h.index - 1;
  return { history: { ...h, index, draft }, text: h.entries[index]! };
}

export function historyDown(h: History, typed: string): { history: History; text: string } {
  if (h.index >= h.entries.length) return { history: h, text: typed };
  const index = h.index + 1;
  return { history: { ...h, index }, text: index === h.entries.length ? h.draft : h.entries[index]! };
}
