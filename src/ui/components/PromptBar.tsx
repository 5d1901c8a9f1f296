// The prompt wired to a lab console: runs commands, handles `:` commands,
// cycles places with Tab, and hands the terminal to a real shell.
import { Box, Text } from 'ink';
import { useState, type ReactNode } from 'react';
import { placeLabel } from '../../lab/place.js';
import { useTerminal } from '../hooks/terminal.js';
import type { Console } from '../hooks/useConsole.js';
import { historyPush, nextPlace, parseNetnsList, parsePromptLine, PROMPT_HELP } from '../prompt-line.js';
import { useServices, type UiLab } from '../services.js';
import { Prompt } from './Prompt.js';

export interface PromptActions {
  submit(line: string): Promise<void>;
  cyclePlace(): Promise<void>;
  shell(): Promise<void>;
  leave(): void;
}

export function usePromptActions(con: Console, lab: UiLab | undefined, onLeave: () => void, onHelp: () => void, afterRun?: () => void): PromptActions {
  const services = useServices();
  const terminal = useTerminal();
  const shell = async (): Promise<void> => {
    if (!lab || con.busy) return;
    const code = await terminal.suspendFor(() => services.interactive(lab, con.place));
    con.append({ kind: 'note', tone: 'info', text: `back from the shell at ${placeLabel(con.place)} (exit ${code}); the lab kept everything you did` });
    con.bump();
    afterRun?.();
  };
  return {
    shell,
    leave: onLeave,
    async submit(line) {
      const action = parsePromptLine(line);
      if (action.kind !== 'none') con.setHistory(historyPush(con.history, line));
      switch (action.kind) {
        case 'run':
          await con.runCommand(action.command);
          afterRun?.();
          return;
        case 'at':
          con.setPlace(action.place);
          return;
        case 'shell':
          return shell();
        case 'leave':
          onLeave();
          return;
        case 'help':
          onHelp();
          return;
        case 'error':
          con.append({ kind: 'note', tone: 'warn', text: action.message });
          return;
        case 'none':
          return;
      }
    },
    async cyclePlace() {
      if (!lab) return;
      const r = await lab.run('ip netns list', { timeoutMs: 5000 }).catch(() => undefined);
      con.setPlace(nextPlace(con.place, parseNetnsList(r?.stdout ?? '')));
    },
  };
}

export function PromptBar({ con, actions, seed, active }: { con: Console; actions: PromptActions; seed: string; active: boolean }): ReactNode {
  const [key] = useState(() => Math.random());
  return (
    <Box flexDirection="column">
      <Prompt
        key={key}
        active={active}
        place={con.place}
        history={con.history}
        onHistory={con.setHistory}
        initial={seed}
        onSubmit={(line) => void actions.submit(line)}
        onCancel={actions.leave}
        onTab={() => void actions.cyclePlace()}
      />
      <Text dimColor>
        Enter runs · Ctrl-C stops it · Esc back to keys · Tab changes where it runs · {PROMPT_HELP.split(' · ')[0]}
      </Text>
    </Box>
  );
}
