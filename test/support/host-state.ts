// A fingerprint of the real machine's network state, to prove a lab leaves
// nothing behind: links, /run/netns, mounts, iptables and nft rules, sysctls.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { runningLabs } from '../../src/lab/lab.js';

function sh(file: string, args: string[]): string {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}

export interface HostState {
  links: string[];
  netns: string[];
  mounts: string[];
  iptables: string;
  nft: string;
  sysctls: Record<string, string>;
}

export function hostState(): HostState {
  const links = sh('ip', ['-o', 'link', 'show'])
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(':').slice(0, 2).join(':').trim());
  const netns = existsSync('/run/netns') ? readdirSync('/run/netns').sort() : [];
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(' ').slice(3, 5).join(' '))
    .sort();
  const iptables = sh('iptables-save', [])
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .map((l) => l.replace(/\[\d+:\d+\]/g, ''))
    .join('\n');
  const nft = sh('nft', ['list', 'ruleset']).replace(/packets \d+ bytes \d+/g, '');
  const sysctls: Record<string, string> = {};
  for (const key of ['net/ipv4/ip_forward', 'net/bridge/bridge-nf-call-iptables', 'user/max_user_namespaces', 'user/max_net_namespaces']) {
    try {
      sysctls[key] = readFileSync(`/proc/sys/${key}`, 'utf8').trim();
    } catch {
      sysctls[key] = 'absent';
    }
  }
  return { links, netns, mounts, iptables, nft, sysctls };
}

/** Ids of the running labs whose PID 1 descends from `root` (other tests may run labs at the same time). */
export function labIdsUnder(root: number): string[] {
  const tree = new Set(descendants(root));
  return [...runningLabs()].filter(([, pid]) => tree.has(pid)).map(([id]) => id);
}

/** Every process still carrying the mark of one of these labs (its PID 1 and the unshare that forked it). */
export function labProcesses(ids: string[]): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (ids.some((id) => cmd.includes(`nslab-lab=${id}`))) found.push(`${entry}: ${cmd}`);
    } catch {
      // exited
    }
  }
  return found;
}

/** All descendants of a PID (by walking /proc's parent links). */
export function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(entry), ppid);
    } catch {
      // exited
    }
  }
  const out: number[] = [];
  for (const pid of parent.keys()) {
    let p = parent.get(pid);
    while (p !== undefined && p > 1) {
      if (p === root) {
        out.push(pid);
        break;
      }
      p = parent.get(p);
    }
  }
  return out;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // a zombie still answers kill(0); it is gone for our purposes
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

export async function waitUntil(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return cond();
}
