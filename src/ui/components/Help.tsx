// The key reference, shown over the current screen until any key is pressed.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useKeys } from '../hooks/terminal.js';
import { PROMPT_HELP } from '../prompt-line.js';
import { theme } from '../theme.js';

export type HelpTopic = 'home' | 'lesson' | 'challenge';

const KEYS: Record<HelpTopic, Array<[string, string]>> = {
  home: [
    ['↑/↓, j/k', 'move through lessons and challenges'],
    ['Enter', 'open the selected one'],
    ['n', 'jump to the suggested next one'],
    ['q', 'quit (progress is saved)'],
  ],
  lesson: [
    ['Enter, r', "run the current step in this lesson's lab"],
    ['n / p', 'next / previous step'],
    ['$', 'type your own commands into the same lab'],
    [':', 'a prompt command, e.g. :at netns0'],
    ['t', 'show or hide the live topology'],
    ['s', 'a full interactive shell in the lab (exit to come back)'],
    ['R', 'rebuild the lab to where this step starts'],
    ['c', "open this lesson's challenge"],
    ['q, Esc', 'back to the list (the lab is thrown away)'],
  ],
  challenge: [
    ['$', 'type commands into the lab; checks re-run after each'],
    ['c', 'run the checks now'],
    ['h', 'reveal the next hint'],
    ['t', 'show or hide the live topology'],
    ['s', 'a full interactive shell in the lab (exit to come back)'],
    ['R', 'reset the lab to where the challenge starts'],
    ['q, Esc', 'back to the list'],
  ],
};

export function Help({ topic, onClose }: { topic: HelpTopic; onClose(): void }): ReactNode {
  useKeys(() => onClose());
  const keys = KEYS[topic];
  const width = Math.max(...keys.map(([k]) => k.length));
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.accent} paddingX={1}>
      <Text bold>Keys</Text>
      {keys.map(([k, what]) => (
        <Text key={k}>
          <Text color={theme.accent}>{k.padEnd(width)}</Text>  {what}
        </Text>
      ))}
      {topic !== 'home' ? <Text dimColor>At the prompt: {PROMPT_HELP}. Ctrl-C stops the command running now; with nothing running it quits nslab (labs are always destroyed).</Text> : null}
      <Text dimColor>Press any key to close.</Text>
    </Box>
  );
}
