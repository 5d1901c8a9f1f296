// Safety first: before a test does something destructive inside a lab
// (`kill -9 -1`, deleting eth0, writing sysctls), it proves from inside the
// lab that it runs in its own user and PID namespaces. The same proof is
// repeated by the destructive script itself, so even a lab that somehow ran
// on the real machine would refuse to run it.
import { statSync } from 'node:fs';
import type { Lab } from '../../src/lab/lab.js';

const IDENTITY_MAP = /^\s*0\s+0\s+4294967295\s*$/;

function nsInode(kind: 'user' | 'pid'): number {
  return statSync(`/proc/self/ns/${kind}`).ino;
}

/** A bash prologue that exits 99 unless it runs in a user and PID namespace of its own. */
export function guardPrologue(): string {
  return `
nslab_userns=$(stat -L -c %i /proc/self/ns/user); nslab_pidns=$(stat -L -c %i /proc/self/ns/pid)
if [ "$nslab_userns" = ${nsInode('user')} ] || [ "$nslab_pidns" = ${nsInode('pid')} ] || grep -Eq '^\\s*0\\s+0\\s+4294967295\\s*$' /proc/self/uid_map; then
  echo "REFUSED: not sandboxed" >&2; exit 99
fi
`;
}

/** Throws unless the lab is really a sandbox; call before any destructive step. */
export async function assertSandboxed(lab: Lab, isolated = false): Promise<void> {
  const r = await lab.run('stat -L -c %i /proc/self/ns/user /proc/self/ns/pid; cat /proc/self/uid_map', { timeoutMs: 5000, isolated });
  const [userns, pidns, ...map] = r.stdout.trim().split('\n');
  if (r.exitCode !== 0 || !userns || !pidns) throw new Error(`cannot verify the sandbox: ${r.output}`);
  if (Number(userns) === nsInode('user')) throw new Error('ABORT: the lab shares our user namespace');
  if (Number(pidns) === nsInode('pid')) throw new Error('ABORT: the lab shares our PID namespace');
  if (IDENTITY_MAP.test(map.join('\n'))) throw new Error('ABORT: the lab has the identity uid map');
}

/** Run a destructive script only inside a verified sandbox. */
export async function runDestructive(lab: Lab, script: string, options: Parameters<Lab['run']>[1] = {}) {
  await assertSandboxed(lab, options.isolated);
  const r = await lab.run(guardPrologue() + script, options);
  if (r.exitCode === 99 && /REFUSED: not sandboxed/.test(r.stderr)) throw new Error('ABORT: the guard refused to run the script');
  return r;
}
