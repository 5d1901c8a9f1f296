// A challenge: the task in the transcript, a checks panel that re-evaluates
// after every command, hints one at a time, a success card, and reset.
import { Box, Text } from 'ink';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Challenge } from '../../content/types.js';
import { placeLabel } from '../../lab/place.js';
import { useKeys, useTypeAhead } from '../hooks/terminal.js';
import { useChecks } from '../hooks/useChecks.js';
import { useConsole } from '../hooks/useConsole.js';
import { useLab } from '../hooks/useLab.js';
import { parseMarkdown } from '../markdown.js';
import { recordChallenge } from '../progress.js';
import { useServices } from '../services.js';
import { theme } from '../theme.js';
import { ChecksPanel } from './ChecksPanel.js';
import { Footer } from './Footer.js';
import { Help } from './Help.js';
import { Blocks } from './Markdown.js';
import { LiveOutput } from './LiveOutput.js';
import { PromptBar, usePromptActions } from './PromptBar.js';
import { TopologyPanel } from './TopologyPanel.js';
import { Transcript } from './Transcript.js';

export interface ChallengeScreenProps {
  challenge: Challenge;
  /** The next challenge's id, offered on success. */
  next?: string;
  onLeave(): void;
  onOpenChallenge(id: string): void;
}

type Mode = 'keys' | 'prompt' | 'help';

export function ChallengeScreen({ challenge, next, onLeave, onOpenChallenge }: ChallengeScreenProps): ReactNode {
  const services = useServices();
  // "challenge:" because a lesson may have the same id (netns, veth, …)
  const lab = useLab(`challenge:${challenge.id}`);
  const con = useConsole(lab.lab);
  const checks = useChecks(lab.lab, challenge.checks);
  const [mode, setMode] = useState<Mode>('keys');
  const [seed, setSeed] = useState('');
  const [topology, setTopology] = useState(false);
  const [hints, setHints] = useState(() => Math.min(services.progress.get().challenges[challenge.id]?.hintsShown ?? 0, challenge.hints.length));
  const task = useMemo(() => parseMarkdown(challenge.task), [challenge.task]);
  const solvedRecorded = useRef(false);
  const actions = usePromptActions(con, lab.lab, () => setMode('keys'), () => setMode('help'), checks.evaluate);

  useEffect(() => {
    con.append({ kind: 'note', tone: 'info', text: `Challenge ${challenge.id} · ${challenge.title} · ${'★'.repeat(challenge.difficulty)}` });
    con.append({ kind: 'prose', blocks: task });
    services.progress.update((p) => recordChallenge(p, challenge.id, {}));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (lab.phase === 'ready') {
      con.append({ kind: 'note', tone: 'ok', text: `lab ready: ${lab.message}` });
      checks.reset();
      checks.evaluate();
    }
    if (lab.phase === 'failed') con.append({ kind: 'note', tone: 'bad', text: `the lab could not be built: ${lab.message} (R tries again)` });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lab.phase, lab.lab]);

  useEffect(() => {
    if (checks.allPassed && !solvedRecorded.current) {
      solvedRecorded.current = true;
      services.progress.update((p) => recordChallenge(p, challenge.id, { done: true }));
    }
  }, [checks.allPassed, services, challenge.id]);

  const typeAhead = useTypeAhead();
  useKeys(
    (input, key) => {
      if (typeAhead.take(input, key)) return;
      if (con.busy) return;
      if (input === '$' || input === 'i') {
        setSeed('');
        typeAhead.start();
        setMode('prompt');
      } else if (input === ':') {
        setSeed(':');
        typeAhead.start();
        setMode('prompt');
      } else if (input === 'c' || key.return) checks.evaluate();
      else if (input === 'h') {
        if (hints < challenge.hints.length) {
          const n = hints + 1;
          setHints(n);
          services.progress.update((p) => recordChallenge(p, challenge.id, { hintsShown: n }));
        }
      } else if (input === 't') setTopology((t) => !t);
      else if (input === 's') void actions.shell();
      else if (input === 'R') {
        solvedRecorded.current = services.progress.get().challenges[challenge.id]?.done === true;
        con.append({ kind: 'note', tone: 'info', text: 'resetting the lab to where the challenge starts…' });
        checks.reset();
        void lab.rebuild(`challenge:${challenge.id}`);
      } else if (input === 'N' && checks.allPassed && next) onOpenChallenge(next);
      else if (input === 'q' || key.escape) onLeave();
      else if (input === '?') setMode('help');
    },
    mode === 'keys',
  );

  return (
    <Box flexDirection="column">
      <Transcript entries={con.entries} />
      <Box marginTop={1} justifyContent="space-between">
        <Text bold color={theme.accent}>
          challenge {challenge.id} · {challenge.title}
        </Text>
        <Text dimColor>lab {lab.phase === 'ready' ? 'ready' : lab.phase === 'building' ? 'building…' : 'failed'}</Text>
      </Box>
      <ChecksPanel checks={challenge.checks} state={checks} />
      {hints > 0 ? (
        <Box flexDirection="column">
          {challenge.hints.slice(0, hints).map((h, i) => (
            <Box key={i} flexDirection="column">
              <Text color={theme.warn}>
                hint {i + 1}/{challenge.hints.length}
              </Text>
              {/* hints are markdown: `commands` show as code, not backticks */}
              <Blocks blocks={parseMarkdown(h)} tight />
            </Box>
          ))}
        </Box>
      ) : null}
      {checks.allPassed ? (
        <Box borderStyle="double" borderColor={theme.ok} paddingX={1} flexDirection="column">
          <Text bold color={theme.ok}>
            ✓ Solved! Every check passes.
          </Text>
          <Text>{next ? `N: next challenge (${next}) · ` : ''}q: back to the list · R: start over</Text>
        </Box>
      ) : null}
      {con.live ? <LiveOutput run={con.live} /> : null}
      {topology && lab.lab ? <TopologyPanel lab={lab.lab} version={con.version} /> : null}
      {mode === 'help' ? <Help topic="challenge" onClose={() => setMode('keys')} /> : null}
      {mode === 'prompt' ? <PromptBar con={con} actions={actions} seed={seed} active={!con.busy} /> : null}
      {mode === 'keys' ? (
        <Footer
          keys={[
            ['$', `command at ${placeLabel(con.place)}`],
            ['c', 'check now'],
            ['h', hints < challenge.hints.length ? `hint (${challenge.hints.length - hints} left)` : 'no more hints'],
            ['t', topology ? 'hide topology' : 'topology'],
            ['s', 'shell'],
            ['R', 'reset'],
            ['?', 'help'],
            ['q', 'back'],
          ]}
        />
      ) : null}
    </Box>
  );
}
