// A challenge's checks against its lab: evaluated on request (after each
// command, on a key), one evaluation at a time — a request during a run
// queues exactly one more, so the panel always ends on the lab's latest state.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CheckResult, CheckSpec } from '../../check/types.js';
import { useServices, type UiLab } from '../services.js';

export interface ChecksState {
  /** The latest result of each check, by id; absent = not known yet. */
  results: Map<string, CheckResult>;
  /** Ids being evaluated right now. */
  pending: Set<string>;
  running: boolean;
  error?: string;
  allPassed: boolean;
  /** How many evaluations finished. */
  rounds: number;
  evaluate(): void;
  reset(): void;
}

export function useChecks(lab: UiLab | undefined, checks: CheckSpec[]): ChecksState {
  const services = useServices();
  const [results, setResults] = useState<Map<string, CheckResult>>(new Map());
  const [pending, setPending] = useState<Set<string>>(new Set());
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string>();
  const [rounds, setRounds] = useState(0);
  const inFlight = useRef(false);
  const again = useRef(false);
  const mounted = useRef(true);
  const labRef = useRef(lab);
  labRef.current = lab;
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const evaluate = useCallback(() => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    const target = labRef.current;
    if (!target) return;
    inFlight.current = true;
    setRunning(true);
    setPending(new Set(checks.map((c) => c.id)));
    const onResult = (r: CheckResult): void => {
      if (!mounted.current || labRef.current !== target) return;
      setResults((prev) => new Map(prev).set(r.id, r));
      setPending((prev) => {
        const next = new Set(prev);
        next.delete(r.id);
        return next;
      });
    };
    services
      .evaluateChecks(target, checks, { onResult })
      .then(
        (all) => {
          if (!mounted.current || labRef.current !== target) return;
          setResults(new Map(all.map((r) => [r.id, r])));
          setError(undefined);
        },
        (err: Error) => mounted.current && setError(err.message),
      )
      .finally(() => {
        inFlight.current = false;
        if (!mounted.current) return;
        setRunning(false);
        setPending(new Set());
        setRounds((n) => n + 1);
        if (again.current) {
          again.current = false;
          evaluate();
        }
      });
  }, [services, checks]);

  const reset = useCallback(() => {
    setResults(new Map());
    setRounds(0);
  }, []);

  const allPassed = checks.length > 0 && checks.every((c) => results.get(c.id)?.passed === true) && !running;
  return { results, pending, running, error, allPassed, rounds, evaluate, reset };
}
