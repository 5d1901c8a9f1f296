// A lab that lives as long as the screen that uses it: created and built to
// `spec` on mount, rebuilt on request, destroyed on unmount (also when the
// screen goes away while the lab is still being built).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useServices, type UiLab } from '../services.js';

export type LabPhase = 'building' | 'ready' | 'failed';

export interface LabState {
  lab?: UiLab;
  phase: LabPhase;
  /** What prepareLab said it built, or why it failed. */
  message: string;
  /** Build a fresh lab to `spec`, replacing the current one. */
  rebuild(spec: string): Promise<void>;
}

export function useLab(initialSpec: string): LabState {
  const services = useServices();
  const [lab, setLab] = useState<UiLab>();
  const [phase, setPhase] = useState<LabPhase>('building');
  const [message, setMessage] = useState('building the lab…');
  const current = useRef<UiLab | undefined>(undefined);
  const mounted = useRef(true);
  const generation = useRef(0);

  const build = useCallback(
    async (spec: string) => {
      const gen = ++generation.current;
      const old = current.current;
      current.current = undefined;
      setLab(undefined);
      setPhase('building');
      setMessage(`building the lab to ${spec}…`);
      if (old) await old.destroy().catch(() => undefined);
      let fresh: UiLab | undefined;
      try {
        fresh = await services.createLab();
        if (!mounted.current || gen !== generation.current) {
          await fresh.destroy();
          return;
        }
        current.current = fresh;
        const what = await services.prepareLab(fresh, spec, (line) => mounted.current && setMessage(line));
        if (!mounted.current || gen !== generation.current) return;
        setLab(fresh);
        setPhase('ready');
        setMessage(what);
      } catch (err) {
        if (!mounted.current || gen !== generation.current) return;
        // Keep a built-but-unprepared lab usable: the learner can still type commands.
        if (fresh && current.current === fresh) setLab(fresh);
        setPhase('failed');
        setMessage((err as Error).message ?? String(err));
      }
    },
    [services],
  );

  useEffect(() => {
    mounted.current = true;
    void build(initialSpec);
    return () => {
      mounted.current = false;
      generation.current++;
      const lab = current.current;
      current.current = undefined;
      void lab?.destroy().catch(() => undefined);
    };
    // The spec at mount decides the first build; later ones go through rebuild.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return { lab, phase, message, rebuild: build };
}
