// Build a lab to a point of the tutorial: where a lesson starts, where one of
// its steps leaves it, or where a challenge starts (`nslab shell --at SPEC`).
//   LESSON            the lesson's start state
//   LESSON:STEP       start state, then the lesson's steps up to and including STEP (id or number)
//   CHALLENGE         the challenge's setup state and script
//   lesson:ID[:STEP], challenge:ID   say which, when a lesson and a challenge share an id
import type { Lab } from '../lab/lab.js';
import { loadContent, type ContentIndex } from '../content/index.js';
import { closest, listOf } from '../content/names.js';
import { FRESH, stateScript } from '../content/state.js';
import type { Challenge, Lesson, StartState, Step } from '../content/types.js';
import { runStep } from './steps.js';

export type PrepareSpec =
  | { kind: 'lesson'; lesson: string; step?: string; explicit: boolean }
  | { kind: 'challenge'; challenge: string };

/** A problem with what the user asked for (not a crash): printed as is, exit 2. */
export class SpecError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'SpecError';
  }
}

export function parsePrepareSpec(text: string): PrepareSpec {
  const spec = text.trim();
  const parts = spec.split(':');
  const bad = (): never => {
    throw new SpecError(`"${text}" is not a place in the tutorial: write LESSON, LESSON:STEP (a step id or number) or CHALLENGE, e.g. --at veth or --at veth:3`);
  };
  if (spec === '' || parts.some((p) => p === '') || parts.length > 3) bad();
  if (parts[0] === 'challenge') {
    if (parts.length !== 2) bad();
    return { kind: 'challenge', challenge: parts[1]! };
  }
  if (parts[0] === 'lesson') {
    if (parts.length < 2) bad();
    return { kind: 'lesson', lesson: parts[1]!, ...(parts[2] !== undefined ? { step: parts[2] } : {}), explicit: true };
  }
  if (parts.length === 3) bad();
  return { kind: 'lesson', lesson: parts[0]!, ...(parts[1] !== undefined ? { step: parts[1] } : {}), explicit: false };
}

export interface PreparePlan {
  /** Human description of where the lab will be. */
  description: string;
  state: string;
  setupScript?: string;
  steps: Step[];
  /** Said before building (e.g. which of two same-named things was chosen). */
  notes: string[];
}

/** Resolve a spec against the content; throws a SpecError naming what is unknown and what exists. */
export function planPrepare(content: Pick<ContentIndex, 'lessons' | 'challenges'>, spec: PrepareSpec): PreparePlan {
  const lesson = spec.kind === 'lesson' ? content.lessons.find((l) => l.id === spec.lesson) : undefined;
  const challengeId = spec.kind === 'challenge' ? spec.challenge : spec.step === undefined && !spec.explicit ? spec.lesson : undefined;
  const challenge = challengeId !== undefined ? content.challenges.find((c) => c.id === challengeId) : undefined;
  if (spec.kind === 'lesson' && lesson) {
    const notes = challenge && spec.step === undefined ? [`"${lesson.id}" is a lesson and a challenge; building the lesson's start (use --at challenge:${lesson.id} for the challenge)`] : [];
    return planLesson(lesson, spec.step, notes);
  }
  if (challenge) return planChallenge(challenge);
  const id = spec.kind === 'lesson' ? spec.lesson : spec.challenge;
  const lessons = content.lessons.map((l) => l.id);
  const challenges = content.challenges.map((c) => c.id);
  const pool = spec.kind === 'challenge' ? challenges : spec.step !== undefined || spec.explicit ? lessons : [...lessons, ...challenges];
  const guess = closest(id, pool);
  const what = spec.kind === 'challenge' ? 'challenge' : spec.step !== undefined || spec.explicit ? 'lesson' : 'lesson or challenge';
  throw new SpecError(
    `no ${what} "${id}"${guess ? ` — did you mean "${guess}"?` : ''}\n  lessons: ${listOf(lessons)}\n  challenges: ${listOf(challenges)}`,
  );
}

function planLesson(lesson: Lesson, stepRef: string | undefined, notes: string[]): PreparePlan {
  const where = `${lesson.source.file}`;
  if (stepRef === undefined) {
    return { description: `the start of lesson "${lesson.id}" (${lesson.title})`, state: lesson.start, steps: [], notes };
  }
  const step = findStep(lesson, stepRef);
  if (!step) {
    const ids = lesson.steps.map((s) => `${s.index}=${s.id}`);
    throw new SpecError(`lesson "${lesson.id}" has no step "${stepRef}": give a step id or a number from 1 to ${lesson.steps.length}\n  steps: ${listOf(ids)}`);
  }
  return {
    description: `lesson "${lesson.id}" (${lesson.title}) after step ${step.index} "${step.id}" (${where}:${step.source.line})`,
    state: lesson.start,
    steps: lesson.steps.slice(0, lesson.steps.indexOf(step) + 1),
    notes,
  };
}

export function findStep(lesson: Lesson, ref: string): Step | undefined {
  const byId = lesson.steps.find((s) => s.id === ref);
  if (byId) return byId;
  return /^\d+$/.test(ref) ? lesson.steps.find((s) => s.index === Number(ref)) : undefined;
}

function planChallenge(challenge: Challenge): PreparePlan {
  return {
    description: `the start of challenge "${challenge.id}" (${challenge.title})`,
    state: challenge.setup.state,
    ...(challenge.setup.script ? { setupScript: challenge.setup.script } : {}),
    steps: [],
    notes: [],
  };
}

/** Why a start state or setup script could not be applied. */
export class StateError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
    this.name = 'StateError';
  }
}

const STATE_TIMEOUT_MS = 60_000;

/**
 * Run a start state (by name; "fresh" is nothing) as root of the lab's host,
 * with `set -e`. Throws a StateError saying which script failed and how.
 */
export async function applyState(lab: Lab, states: ReadonlyMap<string, StartState>, name: string): Promise<void> {
  if (name === FRESH) return;
  let script: string;
  try {
    script = stateScript(states, name);
  } catch (err) {
    throw new StateError((err as Error).message, '');
  }
  await runTrustedScript(lab, script, `start state "${name}" (${states.get(name)?.source.file ?? `states/${name}.sh`})`);
}

/** Run trusted bash (a state, a challenge's setup script) with `set -e` at the lab's host. */
export async function runTrustedScript(lab: Lab, script: string, what: string): Promise<void> {
  const result = await lab.run(`set -e\n${script}`, { timeoutMs: STATE_TIMEOUT_MS });
  if (result.exitCode === 0 && !result.timedOut) return;
  const how = result.timedOut ? `did not finish within ${STATE_TIMEOUT_MS / 1000} s` : `failed with exit status ${result.exitCode ?? result.signal}`;
  const tail = result.output.trim().split('\n').slice(-8).join('\n  | ');
  throw new StateError(`${what} ${how}${tail ? `:\n  | ${tail}` : ''}`, result.output);
}

export async function prepareLab(lab: Lab, spec: string, progress: (line: string) => void = () => undefined, content?: ContentIndex): Promise<string> {
  const parsed = parsePrepareSpec(spec);
  const index = content ?? (await loadContent());
  let plan: PreparePlan;
  try {
    plan = planPrepare(index, parsed);
  } catch (err) {
    // A lesson with a broken front matter is not loaded: say so rather than "no lesson".
    if (err instanceof SpecError && err.message.startsWith('no ') && index.errors.length) err.message += `\n  (${index.errors.length} content problem(s) may hide it: run \`nslab validate\`)`;
    throw err;
  }
  for (const note of plan.notes) progress(note);
  if (plan.state !== FRESH) progress(`applying start state "${plan.state}"`);
  await applyState(lab, index.states, plan.state);
  if (plan.setupScript) {
    progress('running the challenge setup script');
    await runTrustedScript(lab, plan.setupScript, 'the challenge setup script');
  }
  for (const step of plan.steps) {
    const outcome = await runStep(lab, step);
    if (!outcome.passed) {
      throw new StateError(
        `step ${step.index} "${step.id}" (${step.source.file}:${step.source.line}) did not do what the lesson expects, so the lab is not where you asked:\n  ${outcome.detail.replace(/\n/g, '\n  ')}`,
        outcome.result.output,
      );
    }
    progress(`step ${step.index} "${step.id}" done`);
  }
  return plan.description;
}
