// Load all content: lessons/, challenges/, states/. (Stub: implemented with issue 4.)
import type { Challenge, Lesson, StartState } from './types.js';

export interface ContentError {
  file: string;
  line: number;
  message: string;
}

export interface ContentIndex {
  lessons: Lesson[]; // sorted by order
  challenges: Challenge[]; // in DESIGN.md §3 order, then by id
  states: Map<string, StartState>;
  errors: ContentError[];
}

/** root defaults to the package root (where lessons/, challenges/, states/ live). */
export async function loadContent(_root?: string): Promise<ContentIndex> {
  throw new Error('loadContent is not implemented yet');
}
