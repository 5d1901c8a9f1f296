// The key line at the bottom of every screen.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { theme } from '../theme.js';

export function Footer({ keys }: { keys: Array<[string, string]> }): ReactNode {
  return (
    <Box flexWrap="wrap" columnGap={2}>
      {keys.map(([k, what]) => (
        <Text key={k}>
          <Text color={theme.accent} bold>{k}</Text>
          <Text dimColor> {what}</Text>
        </Text>
      ))}
    </Box>
  );
}
