// Bring a fresh lab to where a challenge starts: its start state
// (states/NAME.sh, trusted content) and then its own setup script.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Challenge } from '../content/types.js';
import type { Lab } from '../lab/lab.js';
import { PACKAGE_ROOT } from '../lab/paths.js';

export const STATES_DIR = join(PACKAGE_ROOT, 'states');
const SETUP_TIMEOUT_MS = 30_000;

export class SetupError extends Error {
  override name = 'SetupError';
}

/** The bash that builds a challenge's start: state first, then the challenge's script. */
export async function setupScript(challenge: Challenge, statesDir = STATES_DIR): Promise<string> {
  const parts: string[] = [];
  if (challenge.setup.state !== 'fresh') {
    const file = join(statesDir, `${challenge.setup.state}.sh`);
    try {
      parts.push(await readFile(file, 'utf8'));
    } catch {
      throw new SetupError(`${challenge.source.file}: setup state "${challenge.setup.state}" not found (no ${file})`);
    }
  }
  if (challenge.setup.script) parts.push(challenge.setup.script);
  // Each part in its own subshell, so a `cd` or `exit` in a state stays there.
  // (Not `( … ) || exit`: bash ignores set -e inside a tested subshell.)
  return parts.map((p) => `(\nset -e\n${p}\n)\nstatus=$?; [ $status = 0 ] || exit $status`).join('\n');
}

export async function applySetup(lab: Lab, challenge: Challenge, statesDir = STATES_DIR): Promise<void> {
  const script = await setupScript(challenge, statesDir);
  if (!script) return;
  const result = await lab.run(script, { timeoutMs: SETUP_TIMEOUT_MS });
  if (result.exitCode !== 0) {
    const why = result.timedOut ? `timed out after ${SETUP_TIMEOUT_MS / 1000} s` : `exit status ${result.exitCode ?? result.signal}`;
    const tail = result.output.trim().split('\n').slice(-5).join('\n    ');
    throw new SetupError(`setting up challenge "${challenge.id}" failed (${why})${tail ? `:\n    ${tail}` : ''}`);
  }
}
