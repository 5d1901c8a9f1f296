// A lesson, step by step: the prose leading to each step goes to the
// transcript, the current step waits in a card below with its expectation;
// Enter runs it in the lesson's lab, whose state persists while the lesson is
// open. The learner can also type their own commands or open a shell.
import { Box, Text } from 'ink';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Lesson, Step } from '../../content/types.js';
import { placeLabel } from '../../lab/place.js';
import { useKeys, useTypeAhead } from '../hooks/terminal.js';
import { useConsole } from '../hooks/useConsole.js';
import { useLab } from '../hooks/useLab.js';
import { parseMarkdown, segmentByStep, type Block } from '../markdown.js';
import { recordLessonStep } from '../progress.js';
import { useServices } from '../services.js';
import { theme } from '../theme.js';
import { Footer } from './Footer.js';
import { Help } from './Help.js';
import { LiveOutput } from './LiveOutput.js';
import { CodeBlock } from './Markdown.js';
import { PromptBar, usePromptActions } from './PromptBar.js';
import { TopologyPanel } from './TopologyPanel.js';
import { Transcript, Verdict } from './Transcript.js';

export interface LessonScreenProps {
  lesson: Lesson;
  number: number;
  onLeave(): void;
  onOpenChallenge(id: string): void;
}

type Mode = 'keys' | 'prompt' | 'help';

/** Where the lab is built to when the lesson opens at `step`: its start, or just before that step. */
export function labSpecFor(lesson: Lesson, step: number): string {
  const s = lesson.steps[step - 1];
  return step > 1 && s ? `${lesson.id}:${s.id}` : lesson.id;
}

export function expectationText(step: Step): string {
  const what = step.expect.kind === 'ok' ? 'succeeds' : 'fails (that is the point)';
  const match = step.matchText !== undefined ? `, output contains "${step.matchText}"` : step.match ? `, output matching /${step.match.source}/` : '';
  const bg = step.background ? ', keeps running in the background' : '';
  return `expected: ${what}${match}${bg}`;
}

export function LessonScreen({ lesson, number, onLeave, onOpenChallenge }: LessonScreenProps): ReactNode {
  const services = useServices();
  const total = lesson.steps.length;
  const segments = useMemo(() => segmentByStep(parseMarkdown(lesson.body)), [lesson.body]);
  const [step, setStep] = useState(() => {
    const saved = services.progress.get().lessons[lesson.id]?.step ?? 1;
    return Math.min(Math.max(1, saved), Math.max(1, total));
  });
  const lab = useLab(labSpecFor(lesson, step));
  const con = useConsole(lab.lab);
  const [mode, setMode] = useState<Mode>('keys');
  const [promptSeed, setPromptSeed] = useState('');
  const [topology, setTopology] = useState(false);
  const [verdicts, setVerdicts] = useState<Map<number, { passed: boolean; detail: string }>>(new Map());
  const shownSegment = useRef<number | undefined>(undefined);
  const atEnd = step > total;
  const actions = usePromptActions(con, lab.lab, () => setMode('keys'), () => setMode('help'));

  // Entering a step prints the prose that leads to it (once per visit).
  useEffect(() => {
    if (shownSegment.current === step) return;
    shownSegment.current = step;
    const segment = atEnd ? segments.find((s) => s.step === undefined) : segments.find((s) => s.step === step);
    const blocks: Block[] = segment?.blocks ?? [];
    // The step's own block is shown in the card below, not twice.
    const prose = !atEnd && blocks.length > 0 ? blocks.slice(0, -1) : blocks;
    if (step === 1 || (atEnd && total === 0)) con.append({ kind: 'note', tone: 'info', text: `Lesson ${number} · ${lesson.title}` });
    if (prose.length > 0) con.append({ kind: 'prose', blocks: prose });
    services.progress.update((p) => recordLessonStep(p, lesson.id, Math.min(step, Math.max(1, total)), total));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [step]);

  useEffect(() => {
    if (lab.phase === 'ready') con.append({ kind: 'note', tone: 'ok', text: `lab ready: ${lab.message}` });
    if (lab.phase === 'failed') con.append({ kind: 'note', tone: 'bad', text: `the lab could not be built: ${lab.message} (R tries again)` });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lab.phase]);

  const current = lesson.steps[step - 1];
  const block = segments.find((s) => s.step === step)?.blocks.at(-1);

  const runCurrent = async (): Promise<void> => {
    if (!current || !lab.lab || con.busy) return;
    const outcome = await con.runStep(current);
    if (!outcome) return;
    // Stopped with Ctrl-C: it showed nothing to judge; Enter runs it again.
    if (outcome.result.aborted) {
      setVerdicts((v) => {
        const next = new Map(v);
        next.delete(step);
        return next;
      });
      return;
    }
    setVerdicts((v) => new Map(v).set(step, { passed: outcome.passed, detail: outcome.detail }));
    if (outcome.passed) services.progress.update((p) => recordLessonStep(p, lesson.id, step, total, current.id));
  };

  const typeAhead = useTypeAhead();
  useKeys(
    (input, key) => {
      if (typeAhead.take(input, key)) return;
      if (con.busy) return;
      // Enter runs the step, or once it has passed, moves on; r always (re)runs.
      if (key.return && verdicts.get(step)?.passed && step <= total) setStep((s) => s + 1);
      else if (key.return || input === 'r') void runCurrent();
      else if (input === 'n' || key.rightArrow) setStep((s) => Math.min(total + 1, s + 1));
      else if (input === 'p' || key.leftArrow) setStep((s) => Math.max(1, s - 1));
      else if (input === '$' || input === 'i') {
        setPromptSeed('');
        typeAhead.start();
        setMode('prompt');
      } else if (input === ':') {
        setPromptSeed(':');
        typeAhead.start();
        setMode('prompt');
      } else if (input === 't') setTopology((t) => !t);
      else if (input === 's') void actions.shell();
      else if (input === 'R') {
        con.append({ kind: 'note', tone: 'info', text: `rebuilding the lab to where step ${Math.min(step, total)} starts…` });
        void lab.rebuild(labSpecFor(lesson, Math.min(step, total)));
      } else if (input === 'c' && lesson.challenges[0]) onOpenChallenge(lesson.challenges[0]);
      else if (input === 'q' || key.escape) onLeave();
      else if (input === '?') setMode('help');
    },
    mode === 'keys',
  );

  const verdict = verdicts.get(step);
  const allPassed = total > 0 && services.progress.get().lessons[lesson.id]?.done === true;
  return (
    <Box flexDirection="column">
      <Transcript entries={con.entries} />
      <Box marginTop={1} justifyContent="space-between">
        <Text bold color={theme.accent}>
          {number}. {lesson.title}
        </Text>
        <Text dimColor>
          {atEnd ? 'end of lesson' : `step ${step}/${total}`} · lab {lab.phase === 'ready' ? 'ready' : lab.phase === 'building' ? 'building…' : 'failed'}
        </Text>
      </Box>
      {!atEnd && block && block.kind === 'code' && current ? (
        <Box flexDirection="column">
          <CodeBlock block={block} current />
          <Text dimColor>  {expectationText(current)}</Text>
        </Box>
      ) : null}
      {atEnd ? (
        <Box flexDirection="column" borderStyle="round" borderColor={allPassed ? theme.ok : theme.muted} paddingX={1}>
          <Text color={allPassed ? theme.ok : undefined} bold>
            {allPassed ? '✓ Lesson complete.' : 'End of the lesson.'} {!allPassed && total > 0 ? 'Some steps have not passed yet: p goes back.' : ''}
          </Text>
          {lesson.challenges.length > 0 ? <Text>Try the challenge: {lesson.challenges.join(', ')} (press c).</Text> : null}
        </Box>
      ) : null}
      {verdict && !con.live ? <Verdict step={step} passed={verdict.passed} detail={verdict.detail} /> : null}
      {con.live ? <LiveOutput run={con.live} /> : null}
      {topology && lab.lab ? <TopologyPanel lab={lab.lab} version={con.version} /> : null}
      {mode === 'help' ? <Help topic="lesson" onClose={() => setMode('keys')} /> : null}
      {mode === 'prompt' ? <PromptBar con={con} actions={actions} seed={promptSeed} active={!con.busy} /> : null}
      {mode === 'keys' ? (
        <Footer
          keys={[
            ['Enter', verdict?.passed ? 'next step' : current ? `run step ${step}` : 'run'],
            ...(verdict ? ([['r', 'run again']] as Array<[string, string]>) : []),
            ['n/p', 'next/prev'],
            ['$', `command at ${placeLabel(con.place)}`],
            ['t', topology ? 'hide topology' : 'topology'],
            ['s', 'shell'],
            ['R', 'rebuild'],
            ...(lesson.challenges.length > 0 ? ([['c', 'challenge']] as Array<[string, string]>) : []),
            ['?', 'help'],
            ['q', 'back'],
          ]}
        />
      ) : null}
    </Box>
  );
}
