// The home screen: lessons then challenges with their progress marks, the next
// suggested one highlighted.
import { Box, Text, useStdout } from 'ink';
import { useState, type ReactNode } from 'react';
import { initialSelection, listWindow, suggested, tally, type CatalogItem } from '../catalog.js';
import { useKeys } from '../hooks/terminal.js';
import { STATUS_MARK, type Progress } from '../progress.js';
import { STATUS_COLOR, theme } from '../theme.js';
import { Footer } from './Footer.js';

export interface HomeProps {
  items: CatalogItem[];
  progress: Progress;
  active: boolean;
  onOpen(item: CatalogItem): void;
  onQuit(): void;
  onHelp(): void;
  notice?: string;
}

export function Home({ items, progress, active, onOpen, onQuit, onHelp, notice }: HomeProps): ReactNode {
  const [selected, setSelected] = useState(() => initialSelection(items, progress));
  const { stdout } = useStdout();
  const next = suggested(items);
  useKeys((input, key) => {
    if (key.upArrow || input === 'k') setSelected((s) => Math.max(0, s - 1));
    else if (key.downArrow || input === 'j') setSelected((s) => Math.min(items.length - 1, s + 1));
    else if (key.home || input === 'g') setSelected(0);
    else if (key.end || input === 'G') setSelected(items.length - 1);
    else if (key.return || input === 'l' || key.rightArrow) {
      const item = items[selected];
      if (item) onOpen(item);
    } else if (input === 'n' && next !== undefined) setSelected(next);
    else if (input === 'q' || key.escape) onQuit();
    else if (input === '?') onHelp();
  }, active);

  const t = tally(items);
  const rows = stdout?.rows ?? 40;
  const win = listWindow(items.length, selected, Math.max(5, rows - 10));
  const current = items[selected];
  const allDone = items.length > 0 && next === undefined;
  return (
    <Box flexDirection="column">
      <Box justifyContent="space-between">
        <Text bold color={theme.accent}>nslab · container networking, built by hand</Text>
        <Text dimColor>
          lessons {t.lessonsDone}/{t.lessons} · challenges {t.challengesDone}/{t.challenges}
        </Text>
      </Box>
      {allDone ? <Text color={theme.ok}>✓ Every lesson and challenge is done. You built Docker's bridge network by hand — well done.</Text> : null}
      {notice ? <Text color={theme.warn}>{notice}</Text> : null}
      <Box flexDirection="column" marginTop={1}>
        {items.slice(win.start, win.end).map((item, i) => {
          const index = win.start + i;
          const first = index === 0 || items[index - 1]!.kind !== item.kind;
          return (
            <Box key={`${item.kind}:${item.id}`} flexDirection="column">
              {first ? <Text bold>{item.kind === 'lesson' ? 'Lessons' : '\nChallenges'}</Text> : null}
              <Row item={item} selected={index === selected} suggested={index === next} />
            </Box>
          );
        })}
      </Box>
      {current?.summary ? (
        <Box marginTop={1}>
          <Text dimColor wrap="truncate-end">{current.summary}</Text>
        </Box>
      ) : null}
      <Box marginTop={1}>
        <Footer keys={[['↑↓', 'move'], ['Enter', 'open'], ['n', 'next suggested'], ['?', 'help'], ['q', 'quit']]} />
      </Box>
    </Box>
  );
}

function Row({ item, selected, suggested }: { item: CatalogItem; selected: boolean; suggested: boolean }): ReactNode {
  const label = item.kind === 'lesson' ? `${String(item.order).padStart(2)}. ${item.title}` : `${item.id.padEnd(14)} ${item.title}`;
  const stars = item.kind === 'challenge' ? ' ' + '★'.repeat(item.order) + '☆'.repeat(Math.max(0, 3 - item.order)) : '';
  return (
    <Text>
      <Text color={theme.accent}>{selected ? '❯ ' : '  '}</Text>
      <Text color={STATUS_COLOR[item.status]}>{STATUS_MARK[item.status]} </Text>
      <Text bold={selected} inverse={selected}>{label}</Text>
      <Text dimColor>{stars}</Text>
      {suggested ? <Text color={theme.warn}> ← next</Text> : null}
    </Text>
  );
}
