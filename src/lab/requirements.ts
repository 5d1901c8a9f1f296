// What a machine needs to run labs, and how to get each piece on Debian.
// Used by `nslab doctor` and by the set-up script's checks.
import { accessSync, constants, readFileSync } from 'node:fs';

export interface Tool {
  command: string;
  pkg: string;
  why: string;
}

export const TOOLS: Tool[] = [
  { command: 'unshare', pkg: 'util-linux', why: 'creates the lab namespaces' },
  { command: 'nsenter', pkg: 'util-linux', why: 'runs commands inside a lab' },
  { command: 'setpriv', pkg: 'util-linux', why: "drops to the lab's unprivileged user" },
  { command: 'mount', pkg: 'mount', why: "mounts the lab's private /run, /tmp, /sys" },
  { command: 'ip', pkg: 'iproute2', why: 'namespaces, links, addresses, routes' },
  { command: 'bridge', pkg: 'iproute2', why: 'bridge ports and forwarding tables' },
  { command: 'iptables', pkg: 'iptables', why: 'NAT and filtering in the lessons' },
  { command: 'iptables-save', pkg: 'iptables', why: 'reading rules for checks' },
  { command: 'nft', pkg: 'nftables', why: "the simulated internet's source recorder; nft solutions" },
  { command: 'ping', pkg: 'iputils-ping', why: 'connectivity in lessons and checks' },
  { command: 'curl', pkg: 'curl', why: 'HTTP in the port-publishing lessons' },
  { command: 'python3', pkg: 'python3', why: "the lessons' web server and the probes' test server" },
  { command: 'conntrack', pkg: 'conntrack', why: 'inspecting NAT state in lessons' },
  { command: 'dnsmasq', pkg: 'dnsmasq-base', why: "the simulated internet's DNS server at 8.8.8.8" },
];

/** The PATH a lab sees; tools must be found here, not in a user's own bin dirs. */
const SYSTEM_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

export function findTool(command: string): string | undefined {
  for (const dir of SYSTEM_PATH) {
    const path = `${dir}/${command}`;
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

export function missingTools(find: (command: string) => string | undefined = findTool): Tool[] {
  return TOOLS.filter((t) => !find(t.command));
}

function readNumber(path: string): number | undefined {
  try {
    return Number(readFileSync(path, 'utf8').trim());
  } catch {
    return undefined;
  }
}

export interface Finding {
  ok: boolean;
  what: string;
  fix?: string;
}

/** Kernel settings that decide whether this user may create user namespaces. */
export function userNamespaceFindings(asRoot: boolean): Finding[] {
  const out: Finding[] = [];
  const max = readNumber('/proc/sys/user/max_user_namespaces');
  out.push(
    max === undefined || max > 0
      ? { ok: true, what: `user namespaces enabled (max_user_namespaces=${max ?? '?'})` }
      : { ok: false, what: 'user namespaces are disabled (user.max_user_namespaces=0)', fix: 'sysctl -w user.max_user_namespaces=15000' },
  );
  if (!asRoot) {
    if (readNumber('/proc/sys/kernel/unprivileged_userns_clone') === 0)
      out.push({
        ok: false,
        what: 'unprivileged user namespaces are off (kernel.unprivileged_userns_clone=0)',
        fix: 'sudo sysctl -w kernel.unprivileged_userns_clone=1, or run nslab as root',
      });
    if (readNumber('/proc/sys/kernel/apparmor_restrict_unprivileged_userns') === 1)
      out.push({
        ok: false,
        what: 'AppArmor restricts unprivileged user namespaces (Ubuntu 23.10+)',
        fix: 'sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0, or run nslab as root',
      });
  }
  return out;
}
