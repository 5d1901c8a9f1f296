// A check's outcome before it gets its id and title.
export interface Verdict {
  passed: boolean;
  /** Expected vs found, in words a learner understands; empty when passed. */
  detail: string;
}

export const PASS: Verdict = { passed: true, detail: '' };

export function fail(detail: string): Verdict {
  return { passed: false, detail };
}

/** "host" reads better as "the host" in a sentence. */
export function who(label: string): string {
  return label === 'host' ? 'the host' : label;
}

export function possessive(label: string): string {
  return label === 'host' ? "the host's" : `${label}'s`;
}

/** "a, b and c" */
export function listWords(items: readonly string[], max = 6): string {
  const shown = items.slice(0, max);
  const more = items.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
