// Services backed by the real engine: labs, content, steps, checks. Heavy
// modules load on first use so the first frame does not wait for them.
import type { Lab } from '../lab/lab.js';
import type { Place } from '../lab/place.js';
import { fileProgressStore } from './progress.js';
import type { Services, UiLab } from './services.js';

export interface RealServices extends Services {
  /** Destroy every lab these services created and that is still alive. */
  destroyAll(): Promise<void>;
}

/** `interactive` needs the terminal, which only the caller of render() owns. */
export function realServices(interactive: (lab: Lab, at: Place) => Promise<number>): RealServices {
  const labs = new Set<Lab>();
  let content: ReturnType<Services['loadContent']> | undefined;
  // Every UiLab these services hand out is a Lab they created.
  const real = (lab: UiLab): Lab => lab as Lab;
  return {
    loadContent() {
      content ??= import('../content/index.js').then((m) => m.loadContent());
      return content;
    },
    async createLab() {
      const { Lab } = await import('../lab/lab.js');
      const lab = await Lab.create();
      labs.add(lab);
      const destroy = lab.destroy.bind(lab);
      lab.destroy = async () => {
        labs.delete(lab);
        await destroy();
      };
      return lab;
    },
    async prepareLab(lab, spec, progress) {
      const { prepareLab } = await import('../replay/prepare.js');
      return prepareLab(real(lab), spec, progress);
    },
    async runStep(lab, step, options) {
      const { runStep } = await import('../replay/steps.js');
      return runStep(real(lab), step, options);
    },
    async evaluateChecks(lab, checks, options) {
      const { evaluateChecks } = await import('../check/evaluate.js');
      return evaluateChecks(real(lab), checks, options);
    },
    async snapshot(lab) {
      const { snapshotLab } = await import('../inspect/snapshot.js');
      return snapshotLab(real(lab), undefined, { timeoutMs: 5000 });
    },
    progress: fileProgressStore(),
    interactive: (lab, at) => interactive(real(lab), at),
    async destroyAll() {
      await Promise.all([...labs].map((l) => l.destroy().catch(() => undefined)));
    },
  };
}
