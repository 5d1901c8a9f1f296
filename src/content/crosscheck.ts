// Checks that span files: ids are unique, and every reference (start states,
// lesson ↔ challenge, the namespaces steps run in) points at something that
// exists. Pure: loaded content in, file:line errors out.
import { parsePlace } from '../lab/place.js';
import type { ContentError } from './index.js';
import type { Challenge, Lesson, StartState } from './types.js';
import { didYouMean, listOf } from './names.js';
import { FRESH, namespacesCreated, stateChain } from './state.js';

export interface LoadedContent {
  lessons: readonly Lesson[];
  challenges: readonly Challenge[];
  states: ReadonlyMap<string, StartState>;
  /** Ids of challenge files that exist but could not be parsed: references to them are not dangling. */
  unreadableChallenges?: readonly string[];
}

/** The file line of a front matter field, e.g. (file, ['setup', 'state']). */
export type Locate = (file: string, path: readonly PropertyKey[]) => number;

export function crossCheck(content: LoadedContent, locate: Locate): ContentError[] {
  const errors: ContentError[] = [];
  const at = (file: string, path: readonly PropertyKey[], message: string): void => {
    errors.push({ file, line: locate(file, path), message });
  };

  for (const state of content.states.values()) {
    if (!state.base) continue;
    try {
      stateChain(content.states, state.name);
    } catch (err) {
      errors.push({ file: state.source.file, line: 1, message: (err as Error).message });
    }
  }

  const lessonById = new Map<string, Lesson>();
  const lessonByOrder = new Map<number, Lesson>();
  for (const lesson of content.lessons) {
    const file = lesson.source.file;
    const other = lessonById.get(lesson.id);
    if (other) at(file, ['id'], `lesson id "${lesson.id}" is already used by ${shortName(other.source.file)}`);
    else lessonById.set(lesson.id, lesson);
    const sameOrder = lessonByOrder.get(lesson.order);
    if (sameOrder) at(file, ['order'], `order ${lesson.order} is already used by ${shortName(sameOrder.source.file)}: give each lesson its own position`);
    else lessonByOrder.set(lesson.order, lesson);
  }

  const challengeIds = new Set<string>(content.unreadableChallenges ?? []);
  const challengeById = new Map<string, Challenge>();
  for (const challenge of content.challenges) {
    const other = challengeById.get(challenge.id);
    if (other) at(challenge.source.file, ['id'], `challenge id "${challenge.id}" is already used by ${shortName(other.source.file)}`);
    else challengeById.set(challenge.id, challenge);
    challengeIds.add(challenge.id);
  }

  const stateNames = [...content.states.keys()].sort();
  const unknownState = (name: string): string | undefined =>
    name === FRESH || content.states.has(name)
      ? undefined
      : `unknown start state "${name}"${didYouMean(name, [FRESH, ...stateNames])}: use "fresh" or one of states/*.sh (${listOf(stateNames)})`;

  for (const lesson of content.lessons) {
    const file = lesson.source.file;
    const stateProblem = unknownState(lesson.start);
    if (stateProblem) at(file, ['start'], stateProblem);
    lesson.challenges.forEach((id, i) => {
      if (!challengeIds.has(id)) {
        at(file, ['challenges', i], `no challenge "${id}"${didYouMean(id, challengeIds)} (challenges: ${listOf([...challengeIds].sort())})`);
      }
    });
    errors.push(...unknownNamespaces(lesson, stateProblem ? undefined : content.states.get(lesson.start), content.states));
  }

  for (const challenge of content.challenges) {
    const file = challenge.source.file;
    if (challenge.lesson !== undefined && !lessonById.has(challenge.lesson)) {
      const ids = [...lessonById.keys()];
      at(file, ['lesson'], `no lesson "${challenge.lesson}"${didYouMean(challenge.lesson, ids)} (lessons: ${listOf(ids)})`);
    }
    const stateProblem = unknownState(challenge.setup.state);
    if (stateProblem) at(file, ['setup', 'state'], stateProblem);
  }
  return errors;
}

/**
 * Steps that run in a namespace nothing created: neither the start state nor
 * an earlier step says `ip netns add NAME`. Best effort: a name built from a
 * variable anywhere before turns the check off for the rest of the lesson.
 */
function unknownNamespaces(lesson: Lesson, state: StartState | undefined, states: ReadonlyMap<string, StartState>): ContentError[] {
  const errors: ContentError[] = [];
  const known = new Set<string>();
  let open = lesson.start !== FRESH && state === undefined;
  const learn = (script: string): void => {
    const found = namespacesCreated(script);
    for (const n of found.names) known.add(n);
    open ||= found.open;
  };
  if (state) {
    let chain: StartState[] = [state];
    try {
      chain = stateChain(states, state.name);
    } catch {
      open = true; // reported on the state itself
    }
    for (const s of chain) learn(s.script);
  }
  for (const step of lesson.steps) {
    let place;
    try {
      place = parsePlace(step.at);
    } catch {
      continue; // reported by the step parser
    }
    if (place.kind === 'netns' && !open && !known.has(place.name)) {
      const where = lesson.start === FRESH ? 'the lesson starts from a fresh lab' : `states/${lesson.start}.sh`;
      errors.push({
        file: step.source.file,
        line: step.source.line,
        message: `step "${step.id}" runs at=${step.at}, but no earlier step (nor ${where}) creates it with \`ip netns add ${place.name}\`${didYouMean(place.name, known)}`,
      });
    }
    learn(step.command);
  }
  return errors;
}

/** "lessons/03-veth.md": enough to find a file named in a message. */
export function shortName(file: string): string {
  return file.split(/[\\/]/).slice(-2).join('/');
}
