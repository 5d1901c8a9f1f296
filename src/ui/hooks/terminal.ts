// The terminal as a shared resource: while an interactive shell has it, every
// input hook stays inactive so ink releases stdin (raw mode off, no reader),
// and the shell gets every keystroke.
import { useInput, type Key } from 'ink';
import { createContext, useContext, useEffect, useRef } from 'react';

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

/**
 * Ctrl-C, shared: whatever runs a command registers a stopper that aborts it
 * and says whether there was anything to stop. The App asks them first and
 * quits only when none had anything running.
 */
export interface Interrupts {
  /** Add a stopper; returns its removal. */
  register(stop: () => boolean): () => void;
  /** Ask every stopper; true if any stopped something. */
  interrupt(): boolean;
}

export function createInterrupts(): Interrupts {
  const stoppers = new Set<() => boolean>();
  return {
    register(stop) {
      stoppers.add(stop);
      return () => {
        stoppers.delete(stop);
      };
    },
    interrupt() {
      let stopped = false;
      // every one of them: two consoles could both be running (they never are today)
      for (const stop of stoppers) stopped = stop() || stopped;
      return stopped;
    },
  };
}

export const InterruptContext = createContext<Interrupts>(createInterrupts());

/** Let Ctrl-C call `stop` (read through a ref, so it always sees the current run) while mounted. */
export function useInterrupt(stop: () => boolean): void {
  const interrupts = useContext(InterruptContext);
  const latest = useRef(stop);
  latest.current = stop;
  useEffect(() => interrupts.register(() => latest.current()), [interrupts]);
}
