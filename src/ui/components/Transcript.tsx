// What ran so far, printed once above the live region through ink's Static:
// long output scrolls like a terminal instead of being redrawn every frame.
import { Box, Static, Text, useStdout } from 'ink';
import type { ReactNode } from 'react';
import { cleanOutput } from '../highlight.js';
import type { Entry } from '../hooks/useConsole.js';
import { theme } from '../theme.js';
import { Blocks, ShellLine } from './Markdown.js';

/** Lines of one command's output kept in the transcript; the rest is summarised. */
export const TRANSCRIPT_MAX_LINES = 400;

export function RunEntry({ entry }: { entry: Extract<Entry, { kind: 'run' }> }): ReactNode {
  const { result, verdict } = entry;
  const text = cleanOutput(result.output).replace(/\n$/, '');
  let lines = text ? text.split('\n') : [];
  const cut = lines.length > TRANSCRIPT_MAX_LINES ? lines.length - TRANSCRIPT_MAX_LINES : 0;
  if (cut) lines = lines.slice(-TRANSCRIPT_MAX_LINES);
  const status = result.aborted
    ? 'stopped with Ctrl-C'
    : result.timedOut
    ? 'stopped: it ran past its time limit'
    : result.truncated
      ? 'stopped: too much output'
      : result.exitCode === 0
        ? ''
        : `exit status ${result.exitCode ?? result.signal}`;
  return (
    <Box flexDirection="column" marginTop={1}>
      <Box>
        <Text color={theme.muted}>{entry.at} </Text>
        <Text color={theme.accent}>$ </Text>
        <Box flexDirection="column">
          {entry.command.split('\n').map((l, i) => (
            <ShellLine key={i} line={l} />
          ))}
        </Box>
      </Box>
      {cut ? <Text dimColor>… {cut} earlier lines not shown</Text> : null}
      {lines.map((l, i) => (
        <Text key={i}>{l || ' '}</Text>
      ))}
      {status ? <Text color={theme.warn}>({status})</Text> : null}
      {verdict ? <Verdict step={entry.step} passed={verdict.passed} detail={verdict.detail} /> : null}
    </Box>
  );
}

export function Verdict({ step, passed, detail }: { step?: number; passed: boolean; detail: string }): ReactNode {
  return (
    <Text color={passed ? theme.ok : theme.bad}>
      {passed ? '✓' : '✗'} {step !== undefined ? `step ${step} ` : ''}
      {passed ? 'did what it should' : 'did not do what it should'}
      {detail ? <Text color={passed ? theme.muted : theme.bad}>: {detail}</Text> : null}
    </Text>
  );
}

export function EntryView({ entry }: { entry: Entry }): ReactNode {
  // Static output is laid out in a box sized by its content, not by the
  // terminal: without a width, one wide item (a list item with its bullet)
  // makes every paragraph wrap a column too late, and the terminal breaks it.
  const { stdout } = useStdout();
  const width = Math.max(20, stdout?.columns ?? 80);
  switch (entry.kind) {
    case 'prose':
      return (
        <Box marginTop={1} flexDirection="column" width={width}>
          <Blocks blocks={entry.blocks} currentStep={entry.currentStep} />
        </Box>
      );
    case 'run':
      return <RunEntry entry={entry} />;
    case 'note': {
      const color = { info: theme.muted, ok: theme.ok, bad: theme.bad, warn: theme.warn }[entry.tone];
      return (
        <Text color={color}>
          {entry.tone === 'ok' ? '✓ ' : entry.tone === 'bad' ? '✗ ' : entry.tone === 'warn' ? '! ' : '· '}
          {entry.text}
        </Text>
      );
    }
  }
}

export function Transcript({ entries }: { entries: Entry[] }): ReactNode {
  return <Static items={entries}>{(entry) => <EntryView key={entry.id} entry={entry} />}</Static>;
}
