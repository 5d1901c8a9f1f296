// Each check of a challenge with ✓/✗ and, when it fails, what was expected
// and what was found.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { CheckSpec } from '../../check/types.js';
import type { ChecksState } from '../hooks/useChecks.js';
import { theme } from '../theme.js';

export function ChecksPanel({ checks, state }: { checks: CheckSpec[]; state: ChecksState }): ReactNode {
  const passed = checks.filter((c) => state.results.get(c.id)?.passed).length;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={state.allPassed ? theme.ok : theme.muted} paddingX={1}>
      <Text bold>
        checks {passed}/{checks.length}
        <Text dimColor>{state.running ? ' · checking…' : state.rounds === 0 ? ' · not run yet' : ''}</Text>
      </Text>
      {checks.map((c) => {
        const r = state.results.get(c.id);
        const busy = state.pending.has(c.id);
        const mark = busy ? '…' : r ? (r.passed ? '✓' : '✗') : '·';
        const color = busy ? theme.muted : r ? (r.passed ? theme.ok : theme.bad) : theme.muted;
        return (
          <Box key={c.id} flexDirection="column">
            <Text>
              <Text color={color}>{mark} </Text>
              <Text>{c.title}</Text>
            </Text>
            {r && !r.passed && r.detail ? <Text color={theme.muted}>    {r.detail}</Text> : null}
          </Box>
        );
      })}
      {state.error ? <Text color={theme.bad}>the checks could not run: {state.error}</Text> : null}
    </Box>
  );
}
