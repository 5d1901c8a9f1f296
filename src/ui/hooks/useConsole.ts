// The lab console shared by the lesson and challenge screens: what ran so far
// (the transcript, printed once through ink's Static), the command running now
// (a short live tail), where typed commands run, and their history.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Step } from '../../content/types.js';
import { HOST, placeLabel, type Place } from '../../lab/place.js';
import type { RunResult } from '../../lab/process.js';
import type { Block } from '../markdown.js';
import { emptyHistory, type History } from '../prompt-line.js';
import { useServices, type StepRun, type UiLab } from '../services.js';
import { useInterrupt } from './terminal.js';

export type Entry =
  | { id: number; kind: 'prose'; blocks: Block[]; currentStep?: number }
  | {
      id: number;
      kind: 'run';
      command: string;
      at: string;
      result: RunResult;
      /** For steps: their number and whether the expectation was met. */
      step?: number;
      verdict?: { passed: boolean; detail: string };
    }
  | { id: number; kind: 'note'; text: string; tone: 'info' | 'ok' | 'bad' | 'warn' };

export type NewEntry = Entry extends infer E ? (E extends { id: number } ? Omit<E, 'id'> : never) : never;

export interface LiveRun {
  command: string;
  at: string;
  output: string;
  startedAt: number;
}

/**
 * A safety net for commands typed at the prompt: Ctrl-C stops one sooner, and
 * `s` gives a real shell for work that has no end (a server in the foreground).
 */
export const PROMPT_TIMEOUT_MS = 10 * 60_000;
const LIVE_FLUSH_MS = 40;

export interface Console {
  entries: Entry[];
  append(entry: NewEntry): void;
  live?: LiveRun;
  busy: boolean;
  place: Place;
  setPlace(place: Place): void;
  history: History;
  setHistory(h: History): void;
  /** Run a typed command at the current place. */
  runCommand(command: string): Promise<RunResult | undefined>;
  /** Run a lesson step through runStep, judged against its expectation. */
  runStep(step: Step): Promise<StepRun | undefined>;
  /** Stop the command running now (Ctrl-C); false if none runs. */
  stop(): boolean;
  /** Bumped after every command: panels that show lab state re-read it. */
  version: number;
  bump(): void;
}

export function useConsole(lab: UiLab | undefined): Console {
  const services = useServices();
  const [entries, setEntries] = useState<Entry[]>([]);
  const [live, setLive] = useState<LiveRun>();
  const [busy, setBusy] = useState(false);
  const [place, setPlace] = useState<Place>(HOST);
  const [history, setHistory] = useState<History>(emptyHistory());
  const [version, setVersion] = useState(0);
  const nextId = useRef(1);
  const buffer = useRef<LiveRun | undefined>(undefined);
  const timer = useRef<NodeJS.Timeout | undefined>(undefined);
  const mounted = useRef(true);
  /** The running command's abort: set exactly while one runs. */
  const running = useRef<AbortController | undefined>(undefined);
  useEffect(
    () => () => {
      mounted.current = false;
      if (timer.current) clearTimeout(timer.current);
      // Leaving the screen stops what it started (the lab goes away next anyway).
      running.current?.abort();
    },
    [],
  );

  const stop = useCallback((): boolean => {
    if (!running.current) return false;
    running.current.abort();
    return true;
  }, []);
  useInterrupt(stop);

  const append = useCallback((entry: NewEntry) => {
    setEntries((prev) => [...prev, { ...entry, id: nextId.current++ } as Entry]);
  }, []);

  // Output arrives in many small chunks: collect them and repaint at most every LIVE_FLUSH_MS.
  const startLive = (command: string, at: string): ((chunk: string) => void) => {
    buffer.current = { command, at, output: '', startedAt: Date.now() };
    setLive(buffer.current);
    return (chunk) => {
      const b = buffer.current;
      if (!b) return;
      b.output += chunk;
      if (!timer.current)
        timer.current = setTimeout(() => {
          timer.current = undefined;
          if (mounted.current && buffer.current) setLive({ ...buffer.current });
        }, LIVE_FLUSH_MS);
    };
  };
  const stopLive = (): void => {
    buffer.current = undefined;
    if (timer.current) clearTimeout(timer.current);
    timer.current = undefined;
    if (mounted.current) setLive(undefined);
  };

  /** One thing run in the lab: live output while it runs, Ctrl-C stops it, then the transcript. */
  const track = async <T,>(
    command: string,
    at: string,
    work: (options: { onOutput: (chunk: string) => void; signal: AbortSignal }) => Promise<T>,
    record: (result: T) => NewEntry,
    failure: string,
  ): Promise<T | undefined> => {
    if (busy) return undefined; // the prompt is inactive while something runs
    if (!lab) {
      // typed while the lab is still being built: say so rather than drop it
      append({ kind: 'note', tone: 'warn', text: `the lab is not ready yet, so this did not run: ${command}` });
      return undefined;
    }
    setBusy(true);
    const onOutput = startLive(command, at);
    const abort = (running.current = new AbortController());
    try {
      const result = await work({ onOutput, signal: abort.signal });
      stopLive();
      if (mounted.current) append(record(result));
      return result;
    } catch (err) {
      stopLive();
      if (mounted.current) append({ kind: 'note', tone: 'bad', text: `${failure}: ${(err as Error).message}` });
      return undefined;
    } finally {
      if (running.current === abort) running.current = undefined;
      if (mounted.current) {
        setBusy(false);
        setVersion((v) => v + 1);
      }
    }
  };

  const runCommand = useCallback(
    (command: string) => {
      const at = placeLabel(place);
      return track(
        command,
        at,
        (o) => lab!.run(command, { at: place, timeoutMs: PROMPT_TIMEOUT_MS, ...o }),
        (result) => ({ kind: 'run', command, at, result }),
        'could not run the command',
      );
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [lab, busy, place, append],
  );

  const runStep = useCallback(
    (step: Step) =>
      track(
        step.command,
        step.at,
        (o) => services.runStep(lab!, step, o),
        (outcome) => ({
          kind: 'run',
          command: step.command,
          at: step.at,
          result: outcome.result,
          step: step.index,
          // A step stopped with Ctrl-C did not get to show what it does: no verdict.
          ...(outcome.result.aborted ? {} : { verdict: { passed: outcome.passed, detail: outcome.detail } }),
        }),
        `step ${step.index} could not run`,
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [lab, busy, services, append],
  );

  const bump = useCallback(() => setVersion((v) => v + 1), []);

  return { entries, append, live, busy, place, setPlace, history, setHistory, runCommand, runStep, stop, version, bump };
}
