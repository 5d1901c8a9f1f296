// Bring a fresh lab to where a challenge starts: its start state
// (states/NAME.sh, trusted content) and then its own setup script.
import { join } from 'node:path';
import { loadStates } from '../content/index.js';
import { stateScript } from '../content/state.js';
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
    const { states } = await loadStates(statesDir);
    try {
      parts.push(stateScript(states, challenge.setup.state));
    } catch (err) {
      throw new SetupError(`${challenge.source.file}: ${(err as Error).message}`);
    }
  }
  // Each part in its own subshell, so a `cd` or `exit` in it stays there.
  // (Not `( … ) || exit`: bash ignores set -e inside a tested subshell.)
  if (challenge.setup.script) parts.push(`(\nset -e\n${challenge.setup.script}\n)\nstatus=$?; [ $status = 0 ] || exit $status`);
  return parts.join('\n');
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
