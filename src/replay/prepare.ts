// Build a lab to a point of the tutorial: where a lesson starts, a step of it,
// or where a challenge starts. (Placeholder until the content loader lands.)
import type { Lab } from '../lab/lab.js';

export async function prepareLab(_lab: Lab, spec: string, _progress: (line: string) => void = () => undefined): Promise<string> {
  throw new Error(`cannot build the lab to "${spec}" yet: lessons and challenges are not loaded by this build`);
}
