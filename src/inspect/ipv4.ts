// IPv4 addresses and prefixes as numbers: canonical forms for comparing what a
// check asks with what the kernel shows ("default" = 0.0.0.0/0, a bare address
// = /32, 172.18.0.5/16 = 172.18.0.0/16 as a network).

export interface Prefix {
  /** The address as written (host bits kept), as an unsigned 32-bit number. */
  addr: number;
  len: number;
}

const OCTETS = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseIpv4(text: string): number | undefined {
  const m = OCTETS.exec(text.trim());
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const o = Number(m[i]);
    if (o > 255) return undefined;
    n = n * 256 + o;
  }
  return n;
}

export function formatIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function isIpv4(text: string): boolean {
  return parseIpv4(text) !== undefined;
}

function maskOf(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

/** "default", "1.2.3.4", "1.2.3.4/24", "1.2.3.4/255.255.255.0". */
export function parsePrefix(text: string): Prefix | undefined {
  const t = text.trim();
  if (t === 'default' || t === 'any') return { addr: 0, len: 0 };
  const slash = t.indexOf('/');
  const addr = parseIpv4(slash < 0 ? t : t.slice(0, slash));
  if (addr === undefined) return undefined;
  if (slash < 0) return { addr, len: 32 };
  const rest = t.slice(slash + 1);
  if (/^\d{1,2}$/.test(rest)) {
    const len = Number(rest);
    return len <= 32 ? { addr, len } : undefined;
  }
  const mask = parseIpv4(rest);
  if (mask === undefined) return undefined;
  // a contiguous netmask only
  let len = 0;
  while (len < 32 && (mask & (0x80000000 >>> len)) !== 0) len++;
  return maskOf(len) === mask ? { addr, len } : undefined;
}

/** The network a prefix names, host bits cleared: "172.18.0.5/16" → "172.18.0.0/16". */
export function networkOf(p: Prefix): string {
  return `${formatIpv4((p.addr & maskOf(p.len)) >>> 0)}/${p.len}`;
}

/** Canonical network text of a destination or match ("default" → "0.0.0.0/0"), or undefined. */
export function canonicalNetwork(text: string): string | undefined {
  const p = parsePrefix(text);
  return p ? networkOf(p) : undefined;
}

export function contains(net: Prefix, addr: number): boolean {
  const m = maskOf(net.len);
  return ((net.addr & m) >>> 0) === ((addr & m) >>> 0);
}

/** Private, loopback and documentation ranges: traffic there stays inside the lab's LANs. */
export function isPrivateOrLocal(addr: number): boolean {
  const ranges: Array<[string, number]> = [
    ['10.0.0.0', 8],
    ['172.16.0.0', 12],
    ['192.168.0.0', 16],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
  ];
  return ranges.some(([a, len]) => contains({ addr: parseIpv4(a)!, len }, addr));
}
