// The terminal as a shared resource: while an interactive shell has it, every
// input hook stays inactive so ink releases stdin (raw mode off, no reader),
// and the shell gets every keystroke.
import { useInput, type Key } from 'ink';
import { createContext, useCallback, useContext, useEffect, useRef } from 'react';

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
export function useKeys(handler: (input: string, key: Key) => void, active = true, { text = false }: { text?: boolean } = {}): void {
  const { suspended } = useTerminal();
  // Always the handler of the latest render: ink subscribes a handler in an
  // effect, so a key arriving between a render and its effects would
  // otherwise reach the previous render's handler, with stale props.
  const latest = useRef(handler);
  latest.current = handler;
  const stable = useCallback(
    (input: string, key: Key) => {
      // Keys pressed faster than the terminal is read arrive as one chunk
      // ("jjj"). Outside text entry, each character is a key press of its own.
      if (!text && input.length > 1 && !key.ctrl && !key.meta && /^[\x20-\x7e]+$/.test(input)) {
        for (const ch of input) latest.current(ch, key);
        return;
      }
      latest.current(input, key);
    },
    [text],
  );
  useInput(stable, { isActive: active && !suspended });
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

/**
 * Keys typed right after the key that opens the prompt ("$ip a" typed fast)
 * reach the screen's handler until the prompt has rendered and taken over:
 * the screen hands them to this buffer, and the prompt starts with them.
 */
export interface TypeAhead {
  /** The prompt is opening: collect keys from now on. */
  start(): void;
  /** Collect a key if the prompt is opening; true if taken. */
  take(input: string, key: Key): boolean;
  /** What was collected (Enter as "\r"), and stop collecting. */
  drain(): string;
}

export function createTypeAhead(): TypeAhead {
  let buffer: string | undefined;
  return {
    start() {
      buffer = '';
    },
    take(input, key) {
      if (buffer === undefined) return false;
      if (key.return) buffer += '\r';
      else if (key.backspace || key.delete) buffer = buffer.slice(0, -1);
      else if (!key.ctrl && !key.meta && !key.escape && !key.tab && !key.upArrow && !key.downArrow) buffer += input;
      return true;
    },
    drain() {
      const out = buffer ?? '';
      buffer = undefined;
      return out;
    },
  };
}

export const TypeAheadContext = createContext<TypeAhead>(createTypeAhead());

export function useTypeAhead(): TypeAhead {
  return useContext(TypeAheadContext);
}
