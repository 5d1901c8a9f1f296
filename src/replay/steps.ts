// Run one lesson step in a lab and judge it against its expectation.
// (Stub: implemented with issue 4.)
import type { Lab } from '../lab/lab.js';
import type { RunResult } from '../lab/process.js';
import type { Step } from '../content/types.js';

export interface StepOutcome {
  step: Step;
  passed: boolean;
  /** Expected vs got, when it did not pass. */
  detail: string;
  result: RunResult;
}

export async function runStep(_lab: Lab, _step: Step, _options: { onOutput?: (chunk: string) => void } = {}): Promise<StepOutcome> {
  throw new Error('runStep is not implemented yet');
}
