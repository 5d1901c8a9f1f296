// Everything the UI does to the world goes through Services: loading content,
// building labs, running steps and checks, reading the topology, persisting
// progress, handing the terminal to a shell. The real implementation is
// `realServices()`; tests inject fakes through ServicesContext.
import { createContext, useContext } from 'react';
import type { CheckResult, CheckSpec } from '../check/types.js';
import type { ContentIndex } from '../content/index.js';
import type { Step } from '../content/types.js';
import type { LabSnapshot } from '../inspect/types.js';
import type { Place } from '../lab/place.js';
import type { RunResult } from '../lab/process.js';
import type { ProgressStore } from './progress.js';

/** The part of a Lab the UI uses; a fake lab implements just this. */
export interface UiLab {
  readonly id: string;
  run(
    script: string,
    options?: {
      at?: Place;
      timeoutMs?: number;
      maxOutputBytes?: number;
      onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
      /** Aborting kills the command (Ctrl-C); its result says `aborted`. */
      signal?: AbortSignal;
    },
  ): Promise<RunResult>;
  destroy(): Promise<void>;
}

export interface StepRun {
  passed: boolean;
  detail: string;
  result: RunResult;
}

export interface Services {
  loadContent(): Promise<ContentIndex>;
  createLab(): Promise<UiLab>;
  /** Build a fresh lab to a lesson, a lesson step ("lesson:step-id") or a challenge. */
  prepareLab(lab: UiLab, spec: string, progress?: (line: string) => void): Promise<string>;
  /** Run a lesson step; aborting `signal` stops it (the result says `aborted`). */
  runStep(lab: UiLab, step: Step, options: { onOutput?: (chunk: string) => void; signal?: AbortSignal }): Promise<StepRun>;
  evaluateChecks(lab: UiLab, checks: CheckSpec[], options: { onResult?: (result: CheckResult) => void }): Promise<CheckResult[]>;
  /** The lab's state through the inspect layer (the host and every learner namespace), for the topology drawing. */
  snapshot(lab: UiLab): Promise<LabSnapshot>;
  progress: ProgressStore;
  /**
   * Give the terminal to an interactive bash inside the lab and resolve with its
   * exit code once it ends. The UI has released stdin (no input hooks active)
   * before this is called.
   */
  interactive(lab: UiLab, at: Place): Promise<number>;
}

export const ServicesContext = createContext<Services | undefined>(undefined);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices: no ServicesContext.Provider above this component');
  return services;
}
