// Normalising iptables rules so that equivalent spellings compare equal:
//   -d 172.16.0.2        = -d 172.16.0.2/32       (and 172.18.0.5/16 = 172.18.0.0/16)
//   -p tcp --dport 80    = -p tcp -m tcp --dport 80   (module loads are not compared)
//   --destination 1.2.3.4 = -d 1.2.3.4, --to = --to-destination (DNAT) / --to-source (SNAT)
//   -m state --state A,B = -m conntrack --ctstate B,A
//   -o ! br0 (old syntax) = ! -o br0
// The order of options does not matter; comments and counters are ignored.
import { canonicalNetwork } from './ipv4.js';
import { quoteToken, tokenize } from './tokens.js';

export interface NormalRule {
  /** Canonical parts, sorted: ["!-o br0", "-j MASQUERADE", "-s 172.18.0.0/16"]. */
  parts: string[];
  /** parts joined: equal keys mean equivalent rules. */
  key: string;
  /** The target (-j/-g value), if any. */
  target?: string;
}

const ALIASES: Record<string, string> = {
  '--source': '-s',
  '--src': '-s',
  '--destination': '-d',
  '--dst': '-d',
  '--protocol': '-p',
  '--in-interface': '-i',
  '--out-interface': '-o',
  '--jump': '-j',
  '--goto': '-g',
  '--match': '-m',
  '--fragment': '-f',
  '--destination-port': '--dport',
  '--source-port': '--sport',
  '--destination-ports': '--dports',
  '--source-ports': '--sports',
  '--state': '--ctstate',
  '--set-counters': '-c',
};

/** Options that always take exactly one value (which may look like anything). */
const ONE_VALUE = new Set([
  '-s', '-d', '-p', '-i', '-o', '-j', '-g', '-m', '--dport', '--sport', '--dports', '--sports', '--ctstate',
  '--to-destination', '--to-source', '--to-ports', '--to', '--comment', '--dst-type', '--src-type',
  '--log-prefix', '--log-level', '--set-mark', '--set-xmark', '--mark', '--icmp-type', '--reject-with',
]);

/** Options without a value. */
const NO_VALUE = new Set(['-f', '--syn', '--random', '--random-fully', '--persistent', '--rcheck', '--update', '--set']);

const PROTOCOLS: Record<string, string> = { '1': 'icmp', '6': 'tcp', '17': 'udp', '58': 'ipv6-icmp', '132': 'sctp' };
const SERVICES: Record<string, string> = { http: '80', https: '443', ssh: '22', domain: '53', 'http-alt': '8080', ftp: '21', smtp: '25' };

interface Part {
  neg: boolean;
  opt: string;
  values: string[];
}

function canonicalOption(t: string): string {
  return ALIASES[t] ?? t;
}

/** Split arguments into options with their values and negation. */
function parts(tokens: string[]): Part[] {
  const out: Part[] = [];
  let neg = false;
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i]!;
    if (t === '!') {
      neg = true;
      i++;
      continue;
    }
    if (!(t.startsWith('-') && t.length > 1)) {
      // a stray value: attach it to the option before, or keep it alone
      const last = out[out.length - 1];
      if (last) last.values.push(t);
      else out.push({ neg, opt: t, values: [] });
      neg = false;
      i++;
      continue;
    }
    const opt = canonicalOption(t);
    i++;
    const part: Part = { neg, opt, values: [] };
    neg = false;
    if (!NO_VALUE.has(opt)) {
      if (tokens[i] === '!') {
        part.neg = !part.neg; // old syntax: -o ! br0
        i++;
      }
      if (ONE_VALUE.has(opt)) {
        if (i < tokens.length) part.values.push(tokens[i++]!);
      } else {
        while (i < tokens.length && tokens[i] !== '!' && !(tokens[i]!.startsWith('-') && tokens[i]!.length > 1)) part.values.push(tokens[i++]!);
      }
    }
    out.push(part);
  }
  return out;
}

function canonicalValue(opt: string, value: string, target: string | undefined): string {
  switch (opt) {
    case '-s':
    case '-d':
      return canonicalNetwork(value) ?? value;
    case '-p': {
      const p = value.toLowerCase();
      return PROTOCOLS[p] ?? p;
    }
    case '--dport':
    case '--sport':
      return SERVICES[value] ?? value;
    case '--dports':
    case '--sports':
      return value
        .split(',')
        .map((v) => SERVICES[v] ?? v)
        .join(',');
    case '--ctstate':
      return value
        .split(',')
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean)
        .sort()
        .join(',');
    case '--dst-type':
    case '--src-type':
      return value.toUpperCase();
    default:
      void target;
      return value;
  }
}

/** Normalise a rule given as text (`iptables -S` style, with or without `-A CHAIN`) or as arguments. */
export function normaliseRule(rule: string | readonly string[]): NormalRule {
  let tokens = typeof rule === 'string' ? tokenize(rule) : [...rule];
  if ((tokens[0] === '-A' || tokens[0] === '--append' || tokens[0] === '-I' || tokens[0] === '--insert') && tokens.length >= 2) {
    tokens = tokens.slice(2);
    if (/^\d+$/.test(tokens[0] ?? '')) tokens = tokens.slice(1); // -I CHAIN NUM
  }
  const all = parts(tokens);
  const targetPart = all.find((p) => p.opt === '-j' || p.opt === '-g');
  const target = targetPart?.values[0];
  const out: string[] = [];
  for (const p of all) {
    if (p.opt === '-m' || p.opt === '--comment' || p.opt === '-c') continue;
    if (p.opt === '-p' && !p.neg && (p.values[0] ?? '').toLowerCase() === 'all') continue;
    let opt = p.opt;
    if (opt === '--to') opt = target === 'DNAT' ? '--to-destination' : target === 'SNAT' ? '--to-source' : target === 'MASQUERADE' || target === 'REDIRECT' ? '--to-ports' : opt;
    const values = p.values.map((v) => canonicalValue(opt, v, target));
    out.push(`${p.neg ? '!' : ''}${[opt, ...values].join(' ')}`);
  }
  out.sort();
  const result: NormalRule = { parts: out, key: out.join(' ') };
  if (target !== undefined) result.target = target;
  return result;
}

export function sameRule(a: string | readonly string[], b: string | readonly string[]): boolean {
  return normaliseRule(a).key === normaliseRule(b).key;
}

/** Arguments back to one line, quoted like iptables-save. */
export function formatArgs(args: readonly string[]): string {
  return args.map(quoteToken).join(' ');
}
