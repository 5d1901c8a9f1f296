// The terminal as a shared resource: while an interactive shell has it, every
// input hook stays inactive so ink releases stdin (raw mode off, no reader),
// and the shell gets every keystroke.
import { useInput, type Key } from 'ink';
import { createContext, useContext } from 'react';

export interface TerminalControl {
  /** True while something else (a shell) owns the terminal. */
  suspended: boolean;
  /** Release the terminal, run `fn`, take it back. */
  suspendFor<T>(fn: () => Promise<T>): Promise<T>;
}

export const TerminalContext = createContext<TerminalControl>({
  suspended: false,
  suspendFor: (fn) => fn(),
});

export function useTerminal(): TerminalControl {
  return useContext(TerminalContext);
}

/** useInput that goes quiet while the terminal is suspended. */
export function useKeys(handler: (input: string, key: Key) => void, active = true): void {
  const { suspended } = useTerminal();
  useInput(handler, { isActive: active && !suspended });
}
