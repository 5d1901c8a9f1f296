// A one-line command prompt into the lab: history on ↑/↓, Tab cycles where the
// command runs, `:` commands for the prompt itself, Esc gives the keys back.
import { Box, Text, type Key } from 'ink';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { placeLabel, type Place } from '../../lab/place.js';
import { useKeys, useTypeAhead } from '../hooks/terminal.js';
import { historyDown, historyUp, type History } from '../prompt-line.js';
import { theme } from '../theme.js';
import { ShellLine } from './Markdown.js';

/** A chunk of plain typing: no special key. */
const NO_KEY = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
  backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
} as Key;

export interface PromptProps {
  active: boolean;
  place: Place;
  history: History;
  onHistory(h: History): void;
  onSubmit(line: string): void;
  onCancel(): void;
  onTab(): void;
  initial?: string;
}

export function Prompt({ active, place, history, onHistory, onSubmit, onCancel, onTab, initial = '' }: PromptProps): ReactNode {
  const [text, setShown] = useState(initial);
  // Keys can arrive faster than React re-renders (a paste, a fast typist, a
  // loaded machine): edit a ref, so Enter submits every key typed before it.
  const current = useRef(initial);
  const setText = (next: string | ((t: string) => string)): void => {
    current.current = typeof next === 'function' ? next(current.current) : next;
    setShown(current.current);
  };
  const onKey = (input: string, key: Key): void => {
    const text = current.current;
    if (key.return) {
      onSubmit(text);
      setText('');
      return;
    }
    if (key.escape) {
      onCancel();
      return;
    }
    if (key.tab) {
      onTab();
      return;
    }
    if (key.upArrow) {
      const { history: h, text: t } = historyUp(history, text);
      onHistory(h);
      setText(t);
      return;
    }
    if (key.downArrow) {
      const { history: h, text: t } = historyDown(history, text);
      onHistory(h);
      setText(t);
      return;
    }
    if (key.backspace || key.delete) {
      setText((t) => t.slice(0, -1));
      return;
    }
    if (key.ctrl && input === 'u') {
      setText('');
      return;
    }
    if (key.ctrl && input === 'w') {
      setText((t) => t.replace(/\S+\s*$/, ''));
      return;
    }
    if (key.ctrl || key.meta || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown) return;
    if (!input) return;
    // Text and Enter can arrive in one chunk (a paste, a fast typist): what
    // comes before the last newline runs, as one script; the rest stays typed.
    const lastBreak = Math.max(input.lastIndexOf('\r'), input.lastIndexOf('\n'));
    if (lastBreak < 0) {
      setText((t) => t + input);
      return;
    }
    const script = (text + input.slice(0, lastBreak)).replace(/\r\n?/g, '\n');
    if (script.trim()) onSubmit(script);
    setText(input.slice(lastBreak + 1));
  };
  useKeys(onKey, active, { text: true });
  // Keys typed before we could listen (right after the key that opened us).
  const typeAhead = useTypeAhead();
  useEffect(() => {
    if (!active) return;
    const early = typeAhead.drain();
    if (early) onKey(early, NO_KEY);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active]);
  return (
    <Box>
      <Text color={active ? theme.accent : theme.muted}>{placeLabel(place)} $ </Text>
      <ShellLine line={text} />
      {active ? <Text inverse> </Text> : null}
    </Box>
  );
}
