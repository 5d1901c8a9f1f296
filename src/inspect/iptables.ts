// `iptables-save` (optionally with -c counters) → tables, chains with their
// policies, user chains, and rules as argument arrays. Also understands the
// warnings iptables-nft prints as comments (legacy tables present, a table
// nft made that iptables cannot show).
import { guard, err, ok, type Result } from './result.js';
import { tokenize } from './tokens.js';

export interface IptablesRule {
  chain: string;
  /** The rule's arguments after `-A CHAIN`, unquoted: ["-s", "172.18.0.0/16", "!", "-o", "br0", "-j", "MASQUERADE"]. */
  args: string[];
  /** The rule as iptables-save printed it, without `-A CHAIN` and counters. */
  text: string;
  counters?: { packets: number; bytes: number };
}

export interface IptablesChain {
  name: string;
  /** ACCEPT / DROP for a built-in chain; null for a user chain ("-"). */
  policy: string | null;
  builtin: boolean;
  rules: IptablesRule[];
  counters?: { packets: number; bytes: number };
}

export interface IptablesTable {
  name: string;
  chains: IptablesChain[];
}

export interface IptablesState {
  tables: IptablesTable[];
  /** Warning lines iptables printed, e.g. "iptables-legacy tables present, use iptables-legacy-save to see them". */
  warnings: string[];
  /** Rules were also made with iptables-legacy, which this dump does not show. */
  legacyTablesPresent: boolean;
}

/** Built-in chains of each table (their policy is ACCEPT until changed, even when the table is not loaded). */
export const BUILTIN_CHAINS: Record<string, string[]> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
  security: ['INPUT', 'FORWARD', 'OUTPUT'],
};

const COUNTERS = /^\[(\d+):(\d+)\]$/;

function counters(text: string | undefined): { packets: number; bytes: number } | undefined {
  const m = text === undefined ? null : COUNTERS.exec(text);
  return m ? { packets: Number(m[1]), bytes: Number(m[2]) } : undefined;
}

export function parseIptablesSave(text: string): Result<IptablesState> {
  return guard('iptables-save', () => {
    const state: IptablesState = { tables: [], warnings: [], legacyTablesPresent: false };
    let table: IptablesTable | undefined;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!.trim();
      const at = `iptables-save line ${i + 1}`;
      if (line === '') continue;
      if (line.startsWith('#')) {
        const note = line.replace(/^#\s*/, '');
        if (/^warning\b/i.test(note) || /incompatible/i.test(note)) {
          state.warnings.push(note.replace(/^warning:\s*/i, ''));
          if (/legacy/i.test(note)) state.legacyTablesPresent = true;
        }
        continue;
      }
      if (line.startsWith('*')) {
        const name = line.slice(1).trim();
        if (!/^[a-z_]+$/.test(name)) return err(`${at}: "${clip(line)}" is not a table name`);
        table = state.tables.find((t) => t.name === name);
        if (!table) {
          table = { name, chains: [] };
          state.tables.push(table);
        }
        continue;
      }
      if (line === 'COMMIT') {
        if (!table) return err(`${at}: COMMIT outside a table`);
        table = undefined;
        continue;
      }
      if (line.startsWith(':')) {
        if (!table) return err(`${at}: a chain outside a table`);
        const [name, policy, count] = line.slice(1).split(/\s+/);
        if (!name || !policy) return err(`${at}: "${clip(line)}" is not a chain line`);
        const chain = findChain(table, name) ?? addChain(table, name);
        chain.policy = policy === '-' ? null : policy;
        chain.builtin = policy !== '-';
        const c = counters(count);
        if (c) chain.counters = c;
        continue;
      }
      // "[5:300] -A CHAIN ..." (iptables-save -c) or "-A CHAIN ..."
      let rest = line;
      let c: { packets: number; bytes: number } | undefined;
      const m = /^(\[\d+:\d+\])\s+/.exec(rest);
      if (m) {
        c = counters(m[1]);
        rest = rest.slice(m[0].length);
      }
      if (rest.startsWith('-A ') || rest.startsWith('--append ')) {
        if (!table) return err(`${at}: a rule outside a table`);
        const tokens = tokenize(rest);
        const chainName = tokens[1];
        if (!chainName) return err(`${at}: a rule without a chain`);
        const chain = findChain(table, chainName) ?? addChain(table, chainName);
        const body = rest.replace(/^(-A|--append)\s+\S+\s*/, '');
        const rule: IptablesRule = { chain: chainName, args: tokens.slice(2), text: body };
        if (c) rule.counters = c;
        chain.rules.push(rule);
        continue;
      }
      return err(`${at}: unexpected "${clip(line)}"`);
    }
    return ok(state);
  });
}

function clip(s: string): string {
  return s.length > 80 ? s.slice(0, 80) + '…' : s;
}

function addChain(table: IptablesTable, name: string): IptablesChain {
  const builtin = (BUILTIN_CHAINS[table.name] ?? []).includes(name);
  const chain: IptablesChain = { name, policy: builtin ? 'ACCEPT' : null, builtin, rules: [] };
  table.chains.push(chain);
  return chain;
}

export function findTable(state: IptablesState, name: string): IptablesTable | undefined {
  return state.tables.find((t) => t.name === name);
}

export function findChain(table: IptablesTable, name: string): IptablesChain | undefined {
  return table.chains.find((c) => c.name === name);
}

/**
 * A chain's policy as the kernel applies it: what iptables-save shows, or
 * ACCEPT for a built-in chain of a table nobody has loaded yet. undefined:
 * no such built-in chain.
 */
export function chainPolicy(state: IptablesState, table: string, chain: string): string | undefined {
  const t = findTable(state, table);
  const c = t ? findChain(t, chain) : undefined;
  if (c?.builtin) return c.policy ?? 'ACCEPT';
  if ((BUILTIN_CHAINS[table] ?? []).includes(chain)) return 'ACCEPT';
  return undefined;
}
