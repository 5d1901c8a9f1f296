// What a machine needs to run labs, and how to get each piece on Debian.
// Used by `nslab doctor` and to explain a lab that fails to start.
import { accessSync, constants, readFileSync } from 'node:fs';
import { LAB_SCRIPTS } from './paths.js';

export interface Tool {
  command: string;
  pkg: string;
  why: string;
}

let tools: Tool[] | undefined;

/** The tools labs need (src/lab/sh/tools.tsv, which the set-up script reads too). */
export function labTools(): Tool[] {
  tools ??= readFileSync(`${LAB_SCRIPTS}/tools.tsv`, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [command = '', pkg = '', why = ''] = line.split('\t');
      return { command, pkg, why };
    });
  return tools;
}

/** The PATH a lab sees; tools must be found here, not in a user's own bin dirs. */
export const SYSTEM_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

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
  return labTools().filter((t) => !find(t.command));
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
