// `nft -j list ruleset` → tables, chains (with hook and policy), rules, and the
// NAT statements in them (masquerade, snat, dnat, redirect — native, or the
// xtables targets iptables-nft leaves in its own tables). Where a native rule
// has an iptables equivalent, it is translated to iptables arguments, so a
// check written as an iptables rule also recognises an nft solution.
import { isRecord, num, parseJsonOutput, str } from './json.js';
import { err, guard, ok, type Result } from './result.js';

export interface NftChain {
  family: string;
  table: string;
  name: string;
  /** Base chains only: filter, nat, route. */
  type?: string;
  hook?: string;
  prio?: number;
  /** Base chains only: accept or drop. */
  policy?: string;
}

export interface NftRule {
  family: string;
  table: string;
  chain: string;
  handle?: number;
  /** The rule as iptables arguments (no -A CHAIN), when every part of it has an iptables equivalent. */
  iptables?: string[];
  /** Uses xtables compatibility expressions: a rule iptables-nft made (iptables-save shows it). */
  xt: boolean;
  comment?: string;
}

export interface NftNatStatement {
  family: string;
  table: string;
  chain: string;
  kind: 'masquerade' | 'snat' | 'dnat' | 'redirect';
  /** snat/dnat: the address (and port) translated to, "172.16.0.2" or "172.17.0.2:80"; redirect: the port. */
  to?: string;
  /** Made by iptables-nft (an xtables target): iptables-save shows the same rule. */
  xt: boolean;
}

export interface NftState {
  tables: Array<{ family: string; name: string }>;
  chains: NftChain[];
  rules: NftRule[];
  nat: NftNatStatement[];
}

export function parseNftRuleset(text: string): Result<NftState> {
  return guard('nft', () => {
    const json = parseJsonOutput(text, 'nft');
    if (!json.ok) return json;
    const root = json.value;
    if (!isRecord(root) || !Array.isArray(root.nftables)) return err('nft: expected {"nftables": [...]}');
    const state: NftState = { tables: [], chains: [], rules: [], nat: [] };
    for (const item of root.nftables) {
      if (!isRecord(item)) continue;
      if (isRecord(item.table)) {
        const family = str(item.table.family);
        const name = str(item.table.name);
        if (family && name) state.tables.push({ family, name });
      } else if (isRecord(item.chain)) {
        const c = item.chain;
        const family = str(c.family);
        const table = str(c.table);
        const name = str(c.name);
        if (!family || !table || !name) continue;
        const chain: NftChain = { family, table, name };
        const type = str(c.type);
        const hook = str(c.hook);
        const prio = num(c.prio);
        const policy = str(c.policy);
        if (type) chain.type = type;
        if (hook) chain.hook = hook;
        if (prio !== undefined) chain.prio = prio;
        if (policy) chain.policy = policy;
        state.chains.push(chain);
      } else if (isRecord(item.rule)) {
        const r = item.rule;
        const family = str(r.family);
        const table = str(r.table);
        const chain = str(r.chain);
        if (!family || !table || !chain) continue;
        const expr = Array.isArray(r.expr) ? r.expr : [];
        const rule: NftRule = { family, table, chain, xt: expr.some((e) => isRecord(e) && 'xt' in e) };
        const handle = num(r.handle);
        if (handle !== undefined) rule.handle = handle;
        const comment = str(r.comment);
        if (comment !== undefined) rule.comment = comment;
        const args = rule.xt ? undefined : toIptablesArgs(expr);
        if (args) rule.iptables = args;
        state.rules.push(rule);
        for (const n of natStatements(expr)) state.nat.push({ family, table, chain, ...n });
      }
    }
    return ok(state);
  });
}

function natStatements(expr: unknown[]): Array<Omit<NftNatStatement, 'family' | 'table' | 'chain'>> {
  const out: Array<Omit<NftNatStatement, 'family' | 'table' | 'chain'>> = [];
  for (const e of expr) {
    if (!isRecord(e)) continue;
    if ('masquerade' in e) out.push({ kind: 'masquerade', xt: false });
    for (const kind of ['snat', 'dnat'] as const) {
      if (kind in e) {
        const to = natTarget(e[kind]);
        out.push({ kind, xt: false, ...(to ? { to } : {}) });
      }
    }
    if ('redirect' in e) {
      const port = isRecord(e.redirect) ? natValue(e.redirect.port) : undefined;
      out.push({ kind: 'redirect', xt: false, ...(port ? { to: port } : {}) });
    }
    if (isRecord(e.xt) && str(e.xt.type) === 'target') {
      const name = str(e.xt.name);
      if (name === 'MASQUERADE') out.push({ kind: 'masquerade', xt: true });
      else if (name === 'SNAT') out.push({ kind: 'snat', xt: true });
      else if (name === 'DNAT') out.push({ kind: 'dnat', xt: true });
      else if (name === 'REDIRECT') out.push({ kind: 'redirect', xt: true });
    }
  }
  return out;
}

/** "1.2.3.4", 80, {"range": [a, b]} → text; anything else undefined. */
function natValue(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (isRecord(v) && Array.isArray(v.range) && v.range.length === 2) {
    const a = natValue(v.range[0]);
    const b = natValue(v.range[1]);
    return a !== undefined && b !== undefined ? `${a}-${b}` : undefined;
  }
  return undefined;
}

function natTarget(v: unknown): string | undefined {
  if (!isRecord(v)) return undefined;
  const addr = natValue(v.addr);
  const port = natValue(v.port);
  if (addr === undefined) return port !== undefined ? `:${port}` : undefined;
  return port !== undefined ? `${addr}:${port}` : addr;
}

const VERDICTS: Record<string, string> = { accept: 'ACCEPT', drop: 'DROP', return: 'RETURN', reject: 'REJECT' };

/** A native rule's expressions as iptables arguments, or undefined if some part has no simple equivalent. */
function toIptablesArgs(expr: unknown[]): string[] | undefined {
  const args: string[] = [];
  let proto: string | undefined;
  let target: string[] | undefined;
  const setProto = (p: string): boolean => {
    if (proto !== undefined && proto !== p) return false;
    proto = p;
    return true;
  };
  for (const e of expr) {
    if (!isRecord(e)) return undefined;
    const key = Object.keys(e)[0];
    if (key === undefined) return undefined;
    const v = e[key];
    if (key === 'counter' || key === 'comment') continue;
    if (target) return undefined; // something after the verdict: keep it simple
    if (key in VERDICTS) target = ['-j', VERDICTS[key]!];
    else if (key === 'jump' || key === 'goto') {
      const t = isRecord(v) ? str(v.target) : undefined;
      if (!t) return undefined;
      target = [key === 'jump' ? '-j' : '-g', t];
    } else if (key === 'masquerade') {
      target = ['-j', 'MASQUERADE'];
      const port = isRecord(v) ? natValue(v.port) : undefined;
      if (port) target.push('--to-ports', port);
    } else if (key === 'snat' || key === 'dnat') {
      const to = natTarget(v);
      if (!to) return undefined;
      target = key === 'snat' ? ['-j', 'SNAT', '--to-source', to] : ['-j', 'DNAT', '--to-destination', to];
    } else if (key === 'redirect') {
      const port = isRecord(v) ? natValue(v.port) : undefined;
      target = ['-j', 'REDIRECT', ...(port ? ['--to-ports', port] : [])];
    } else if (key === 'match') {
      const m = translateMatch(v);
      if (!m) return undefined;
      if (m.proto && !setProto(m.proto)) return undefined;
      args.push(...m.args);
    } else return undefined;
  }
  if (!target) return undefined;
  return [...(proto ? ['-p', proto] : []), ...args, ...target];
}

function translateMatch(m: unknown): { args: string[]; proto?: string } | undefined {
  if (!isRecord(m)) return undefined;
  const op = str(m.op);
  const left = m.left;
  const right = m.right;
  const neg = op === '!=';
  if (op !== '==' && op !== '!=' && op !== 'in') return undefined;
  const not = neg ? ['!'] : [];
  if (!isRecord(left)) return undefined;
  if (isRecord(left.payload)) {
    const protocol = str(left.payload.protocol);
    const field = str(left.payload.field);
    if (protocol === 'ip' && (field === 'saddr' || field === 'daddr')) {
      const addr = prefixValue(right);
      if (!addr) return undefined;
      return { args: [...not, field === 'saddr' ? '-s' : '-d', addr] };
    }
    if (protocol === 'ip' && field === 'protocol') {
      const p = natValue(right);
      return p && !neg ? { args: [], proto: p } : undefined;
    }
    if ((protocol === 'tcp' || protocol === 'udp') && (field === 'dport' || field === 'sport')) {
      if (isRecord(right) && Array.isArray(right.set)) {
        const ports = right.set.map(natValue);
        if (ports.some((p) => p === undefined)) return undefined;
        return { args: [...not, field === 'dport' ? '--dports' : '--sports', ports.join(',').replace(/-/g, ':')], proto: protocol };
      }
      const port = natValue(right);
      if (!port) return undefined;
      return { args: [...not, `--${field}`, port.replace('-', ':')], proto: protocol };
    }
    return undefined;
  }
  if (isRecord(left.meta)) {
    const key = str(left.meta.key);
    if (key === 'l4proto') {
      const p = natValue(right);
      return p && !neg ? { args: [], proto: p } : undefined;
    }
    if (key === 'nfproto') return natValue(right) === 'ipv4' && !neg ? { args: [] } : undefined;
    if (key === 'iifname' || key === 'oifname' || key === 'iif' || key === 'oif') {
      const name = typeof right === 'string' ? right.replace(/\*$/, '+') : undefined;
      if (!name) return undefined;
      return { args: [...not, key.startsWith('i') ? '-i' : '-o', name] };
    }
    return undefined;
  }
  if (isRecord(left.ct) && str(left.ct.key) === 'state') {
    const states = Array.isArray(right) ? right : isRecord(right) && Array.isArray(right.set) ? right.set : [right];
    if (states.some((s) => typeof s !== 'string')) return undefined;
    return { args: [...not, '--ctstate', (states as string[]).map((s) => s.toUpperCase()).join(',')] };
  }
  if (isRecord(left.fib) && str(left.fib.result) === 'type' && typeof right === 'string') {
    const flags = Array.isArray(left.fib.flags) ? left.fib.flags : [];
    if (flags.length !== 1) return undefined;
    const which = flags[0] === 'daddr' ? '--dst-type' : flags[0] === 'saddr' ? '--src-type' : undefined;
    return which ? { args: [...not, which, right.toUpperCase()] } : undefined;
  }
  return undefined;
}

function prefixValue(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (isRecord(v) && isRecord(v.prefix)) {
    const addr = str(v.prefix.addr);
    const len = num(v.prefix.len);
    return addr !== undefined && len !== undefined ? `${addr}/${len}` : undefined;
  }
  return undefined;
}

/** nft base chains that hook where an iptables table's built-in chain does. */
export function baseChainsFor(state: NftState, table: string, chain: string): NftChain[] {
  const hook = chain.toLowerCase();
  const type = table === 'nat' ? 'nat' : table === 'mangle' ? undefined : 'filter';
  return state.chains.filter(
    (c) => c.hook === hook && (c.family === 'ip' || c.family === 'inet') && (type === undefined || c.type === type),
  );
}
