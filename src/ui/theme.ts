// Colours in one place, so every screen speaks the same visual language.
import type { TokenKind } from './highlight.js';
import type { Status } from './progress.js';

export const theme = {
  accent: 'cyan',
  ok: 'green',
  bad: 'red',
  warn: 'yellow',
  muted: 'gray',
  code: 'yellow',
} as const;

export const STATUS_COLOR: Record<Status, string> = { done: theme.ok, 'in-progress': theme.warn, new: theme.muted };

export const TOKEN_COLOR: Record<TokenKind, string | undefined> = {
  command: 'cyan',
  option: 'yellow',
  string: 'green',
  comment: 'gray',
  address: 'magenta',
  variable: 'blue',
  operator: 'gray',
  plain: undefined,
};
