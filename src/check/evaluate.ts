// Evaluate checks against a running lab: structure checks read one snapshot
// (src/inspect), probes act live. (Stub: implemented with issue 3.)
import type { Lab } from '../lab/lab.js';
import type { CheckResult, CheckSpec } from './types.js';

export interface EvaluateOptions {
  /** Called as each result is known (for live panels). */
  onResult?: (result: CheckResult) => void;
}

export async function evaluateChecks(_lab: Lab, _checks: CheckSpec[], _options: EvaluateOptions = {}): Promise<CheckResult[]> {
  throw new Error('evaluateChecks is not implemented yet');
}
