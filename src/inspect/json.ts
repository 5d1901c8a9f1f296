// Reading JSON that a command printed, possibly next to warnings on stderr
// (the snapshot captures both): the JSON is the one line (or the whole text)
// that parses; anything else is reported as the error.
import { err, ok, type Result } from './result.js';

export function parseJsonOutput(text: string, what: string): Result<unknown> {
  const t = text.trim();
  if (t === '') return err(`${what}: no output`);
  try {
    return ok(JSON.parse(t));
  } catch {
    // fall through: look for a JSON line among warnings
  }
  const noise: string[] = [];
  for (const line of t.split('\n')) {
    const l = line.trim();
    if (l.startsWith('[') || l.startsWith('{')) {
      try {
        return ok(JSON.parse(l));
      } catch {
        // not this one
      }
    }
    if (l && noise.length < 3) noise.push(l.length > 200 ? l.slice(0, 200) + '…' : l);
  }
  return err(`${what}: not JSON${noise.length ? `: ${noise.join(' / ')}` : ''}`);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function strArray(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** A JSON array of objects; other elements are skipped. */
export function records(v: unknown, what: string): Result<Record<string, unknown>[]> {
  if (!Array.isArray(v)) return err(`${what}: expected a JSON list`);
  return ok(v.filter(isRecord));
}
