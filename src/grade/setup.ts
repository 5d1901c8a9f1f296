// Bring a fresh lab to where a challenge starts: its start state
// (states/NAME.sh, trusted content) and then its own setup script.
import { join } from 'node:path';
import { loadStates } from '../content/index.js';
import { challengeStartScript } from '../content/state.js';
import type { Challenge } from '../content/types.js';
import type { Lab } from '../lab/lab.js';
import { PACKAGE_ROOT } from '../lab/paths.js';
import { runTrustedScript } from '../replay/prepare.js';

export const STATES_DIR = join(PACKAGE_ROOT, 'states');

export class SetupError extends Error {
  override name = 'SetupError';
}

/** The bash that builds a challenge's start (read once per grading run, not once per solution). */
export async function setupScript(challenge: Challenge, statesDir = STATES_DIR): Promise<string> {
  const { states } = await loadStates(statesDir);
  try {
    return challengeStartScript(states, challenge);
  } catch (err) {
    throw new SetupError(`${challenge.source.file}: ${(err as Error).message}`);
  }
}

export async function applySetup(lab: Lab, challenge: Challenge, script?: string): Promise<void> {
  const bash = script ?? (await setupScript(challenge));
  if (!bash) return;
  try {
    await runTrustedScript(lab, bash, `setting up challenge "${challenge.id}"`);
  } catch (err) {
    throw new SetupError((err as Error).message);
  }
}
