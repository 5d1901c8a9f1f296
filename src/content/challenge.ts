// Parse one challenge file (YAML front matter + markdown task). (Stub: issue 3.)
import type { ContentError } from './index.js';
import type { Challenge } from './types.js';

export function parseChallenge(_file: string, _text: string): { challenge?: Challenge; errors: ContentError[] } {
  throw new Error('parseChallenge is not implemented yet');
}
