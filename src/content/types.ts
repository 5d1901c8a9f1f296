// The shapes of lessons, challenges and start states once loaded from disk.
// Loading, schema validation and file:line errors live in src/content/.
import type { CheckSpec } from '../check/types.js';

/** Where a step or check runs: "host", a learner namespace ("netns0"), or a hidden machine ("@client"). */
export type PlaceText = string;

export interface SourceRef {
  file: string;
  line: number;
}

export type Expectation =
  | { kind: 'ok' } // exit status 0
  | { kind: 'fail' }; // non-zero exit status

export interface Step {
  /** Stable within its lesson: given as `id=…` or derived ("step-3"). */
  id: string;
  /** 1-based position among the lesson's runnable steps. */
  index: number;
  at: PlaceText;
  command: string;
  expect: Expectation;
  /** Output (stdout+stderr) must match, when given. */
  match?: RegExp;
  /** The literal text when the match was written as match="TEXT" (for messages). */
  matchText?: string;
  /** Started and left running (a server); `ready` says how to know it is up. */
  background?: { ready?: { host: string; port: number } };
  timeoutMs: number;
  source: SourceRef;
}

export interface Lesson {
  id: string;
  title: string;
  summary: string;
  order: number;
  /** Start state (states/<name>.sh) or "fresh". */
  start: string;
  challenges: string[];
  /** The markdown body, front matter removed. */
  body: string;
  /** Line in the file where the body starts (for file:line of body tokens). */
  bodyLine: number;
  steps: Step[];
  source: SourceRef;
}

export interface Hint {
  text: string;
}

export interface ExampleSolution {
  name: string;
  script: string;
  /** For wrong solutions: ids of the checks that must fail. */
  fails?: string[];
}

export interface Challenge {
  id: string;
  title: string;
  difficulty: 1 | 2 | 3;
  /** The lesson that teaches what this challenge asks. */
  lesson?: string;
  setup: { state: string; script?: string };
  /** Task text, markdown. */
  task: string;
  checks: CheckSpec[];
  hints: string[];
  solution: string;
  wrong: ExampleSolution[];
  /** Other correct solutions (e.g. nft instead of iptables) the test suite proves pass too. */
  alternatives?: ExampleSolution[];
  source: SourceRef;
}

export interface StartState {
  name: string;
  /** Bash run as root of the lab's host; trusted content. */
  script: string;
  /** The header comment: one line saying what state it builds. */
  description?: string;
  /** A state this one starts from (`# builds on: NAME`), applied first. */
  base?: string;
  source: SourceRef;
}
