// The info string of a runnable step's fence:
//   ```sh step at=netns0 expect=fail match="Network is unreachable" id=ping timeout=5
//   ```sh step background ready=172.18.0.10:5000
// Parsed into attributes, or into messages saying what is wrong with them.
import { parsePlace } from '../lab/place.js';

export const DEFAULT_STEP_TIMEOUT_S = 10;
export const MAX_STEP_TIMEOUT_S = 600;
export const STEP_ID = /^[a-z0-9][a-z0-9_-]*$/;

export interface StepAttributes {
  at: string;
  expect: 'ok' | 'fail';
  match?: RegExp;
  /** The literal text, when the match was given as "TEXT" (for messages). */
  matchText?: string;
  id?: string;
  timeoutMs: number;
  background: boolean;
  ready?: { host: string; port: number };
}

interface Token {
  key: string;
  /** undefined for a bare flag (`background`). */
  value?: string;
  form: 'bare' | 'quoted' | 'regex';
  /** Regex flags after the closing slash. */
  flags?: string;
}

const KNOWN = ['at', 'expect', 'match', 'id', 'timeout', 'background', 'ready'];

/** Is this fence info string a runnable step (`sh step …`)? */
export function isStepInfo(info: string): boolean {
  const words = info.trim().split(/\s+/);
  return words[0] === 'sh' && words[1] === 'step';
}

/**
 * A fence that looks meant to run but is not marked `step` (e.g. "sh at=netns0"):
 * almost always a typo that would silently turn a step into sample text.
 */
export function looksLikeForgottenStep(info: string): boolean {
  const words = info.trim().split(/\s+/);
  return words[0] === 'sh' && words.length > 1 && words[1] !== 'step' && words.slice(1).some((w) => /^(at|expect|match|id|timeout|ready)=|^background$/.test(w));
}

/** Split `key=value key="quoted value" key=/re gex/i flag` into tokens. */
export function tokenizeInfo(text: string): { tokens: Token[]; error?: string } {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && /\s/.test(text[i]!)) i++;
    if (i >= n) break;
    const keyStart = i;
    while (i < n && /[A-Za-z0-9_-]/.test(text[i]!)) i++;
    const key = text.slice(keyStart, i);
    if (!key) return { tokens, error: `unexpected "${text.slice(i).split(/\s/)[0]}": attributes are written key=value` };
    if (i >= n || /\s/.test(text[i]!)) {
      tokens.push({ key, form: 'bare' });
      continue;
    }
    if (text[i] !== '=') return { tokens, error: `unexpected "${text[i]}" after "${key}": attributes are written key=value` };
    i++;
    const open = text[i];
    if (open === '"' || open === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= n) return { tokens, error: `the value of "${key}" opens a quote (${open}) that is never closed` };
        const c = text[i]!;
        if (c === '\\' && (text[i + 1] === open || text[i + 1] === '\\')) {
          value += text[i + 1];
          i += 2;
          continue;
        }
        if (c === open) break;
        value += c;
        i++;
      }
      i++;
      tokens.push({ key, value, form: 'quoted' });
    } else if (open === '/') {
      let source = '';
      i++;
      for (;;) {
        if (i >= n) return { tokens, error: `the regular expression of "${key}" is never closed: end it with /` };
        const c = text[i]!;
        if (c === '\\' && i + 1 < n) {
          // Keep the escape for the regex, except for an escaped slash.
          source += text[i + 1] === '/' ? '/' : c + text[i + 1];
          i += 2;
          continue;
        }
        if (c === '/') break;
        source += c;
        i++;
      }
      i++;
      const flagsStart = i;
      while (i < n && /[a-z]/.test(text[i]!)) i++;
      tokens.push({ key, value: source, form: 'regex', flags: text.slice(flagsStart, i) });
    } else {
      const valueStart = i;
      while (i < n && !/\s/.test(text[i]!)) i++;
      tokens.push({ key, value: text.slice(valueStart, i), form: 'bare' });
      continue;
    }
    if (i < n && !/\s/.test(text[i]!)) {
      return { tokens, error: `unexpected "${text.slice(i).split(/\s/)[0]}" right after the value of "${key}": separate attributes with spaces` };
    }
  }
  return { tokens };
}

/** Parse the attributes of a `sh step` info string (the text after "sh step"). */
export function parseStepAttributes(text: string): { attributes?: StepAttributes; errors: string[] } {
  const { tokens, error } = tokenizeInfo(text);
  const errors: string[] = error ? [error] : [];
  const attrs: StepAttributes = { at: 'host', expect: 'ok', timeoutMs: DEFAULT_STEP_TIMEOUT_S * 1000, background: false };
  const seen = new Set<string>();
  for (const t of tokens) {
    if (!KNOWN.includes(t.key)) {
      errors.push(`unknown step attribute "${t.key}" (known: ${KNOWN.join(', ')})`);
      continue;
    }
    if (seen.has(t.key)) {
      errors.push(`"${t.key}" is given twice`);
      continue;
    }
    seen.add(t.key);
    if (t.key === 'background') {
      if (t.value !== undefined) errors.push('"background" takes no value: write just background');
      attrs.background = true;
      continue;
    }
    if (t.value === undefined) {
      errors.push(`"${t.key}" needs a value: ${t.key}=…`);
      continue;
    }
    const problem = applyAttribute(attrs, t);
    if (problem) errors.push(problem);
  }
  if (attrs.ready && !attrs.background) errors.push('"ready" only makes sense with "background"');
  if (attrs.background && attrs.expect === 'fail') errors.push('a background step cannot expect=fail: it is a server that must start');
  return errors.length ? { errors } : { attributes: attrs, errors };
}

function applyAttribute(attrs: StepAttributes, t: Token): string | undefined {
  const value = t.value!;
  switch (t.key) {
    case 'at':
      try {
        parsePlace(value);
      } catch (err) {
        return `at=${value}: ${(err as Error).message}`;
      }
      attrs.at = value.trim() || 'host';
      return undefined;
    case 'expect':
      if (value !== 'ok' && value !== 'fail') return `expect=${value}: use expect=ok (exit status 0) or expect=fail (non-zero)`;
      attrs.expect = value;
      return undefined;
    case 'match':
      if (t.form === 'regex') {
        if (!/^[imsu]*$/.test(t.flags ?? '')) return `match=/${value}/${t.flags}: unknown regex flag (use i, m, s or u)`;
        try {
          attrs.match = new RegExp(value, t.flags);
        } catch (err) {
          return `match=/${value}/: not a valid regular expression: ${(err as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '')}`;
        }
      } else {
        if (value === '') return 'match="" matches anything: give the text the output must contain';
        attrs.match = new RegExp(value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
        attrs.matchText = value;
      }
      return undefined;
    case 'id':
      if (!STEP_ID.test(value)) return `id=${value}: a step id is lowercase letters, digits, "-" and "_"`;
      if (/^\d+$/.test(value)) return `id=${value}: a step id cannot be just a number (numbers already name steps by position)`;
      attrs.id = value;
      return undefined;
    case 'timeout': {
      const s = Number(value);
      if (!Number.isFinite(s) || s <= 0 || s > MAX_STEP_TIMEOUT_S) return `timeout=${value}: give seconds, more than 0 and at most ${MAX_STEP_TIMEOUT_S}`;
      attrs.timeoutMs = Math.round(s * 1000);
      return undefined;
    }
    case 'ready': {
      const m = /^(.+):(\d{1,5})$/.exec(value);
      const port = m ? Number(m[2]) : NaN;
      if (!m || port < 1 || port > 65535 || !/^[A-Za-z0-9.-]+$/.test(m[1]!)) return `ready=${value}: write ready=HOST:PORT, e.g. ready=172.18.0.10:5000`;
      attrs.ready = { host: m[1]!, port };
      return undefined;
    }
  }
  return undefined;
}
