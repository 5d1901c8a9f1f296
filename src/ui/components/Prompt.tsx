// A one-line command prompt into the lab: history on ↑/↓, Tab cycles where the
// command runs, `:` commands for the prompt itself, Esc gives the keys back.
import { Box, Text } from 'ink';
import { useRef, useState, type ReactNode } from 'react';
import { placeLabel, type Place } from '../../lab/place.js';
import { useKeys } from '../hooks/terminal.js';
import { historyDown, historyUp, type History } from '../prompt-line.js';
import { theme } from '../theme.js';
import { ShellLine } from './Markdown.js';

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
  useKeys((input, key) => {
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
  }, active);
  return (
    <Box>
      <Text color={active ? theme.accent : theme.muted}>{placeLabel(place)} $ </Text>
      <ShellLine line={text} />
      {active ? <Text inverse> </Text> : null}
    </Box>
  );
}
