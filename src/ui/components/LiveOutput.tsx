// The command running now: its last few lines, redrawn as they stream. When it
// ends the whole output moves to the transcript.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { cleanOutput, tailLines } from '../highlight.js';
import type { LiveRun } from '../hooks/useConsole.js';
import { theme } from '../theme.js';
import { ShellLine } from './Markdown.js';

export const LIVE_LINES = 8;

export function LiveOutput({ run }: { run: LiveRun }): ReactNode {
  const lines = tailLines(cleanOutput(run.output), LIVE_LINES);
  const first = run.command.split('\n')[0] ?? '';
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.warn} paddingX={1}>
      <Box justifyContent="space-between">
        <Box>
          <Text color={theme.warn}>running at {run.at} </Text>
          <ShellLine line={first + (run.command.includes('\n') ? ' …' : '')} />
        </Box>
        <Text dimColor> Ctrl-C stops it</Text>
      </Box>
      {lines.length === 0 ? <Text dimColor>(no output yet)</Text> : lines.map((l, i) => <Text key={i} wrap="truncate-end">{l || ' '}</Text>)}
    </Box>
  );
}
