// The root: loads content, switches between home, lesson and challenge
// screens, owns the terminal (Ctrl-C, handing it to a shell), and provides
// the services below.
import { Box, Text, useApp, useStdout } from 'ink';
import { useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ContentIndex } from '../../content/index.js';
import { catalog, type CatalogItem } from '../catalog.js';
import { createInterrupts, createTypeAhead, InterruptContext, TerminalContext, TypeAheadContext, useKeys, type TerminalControl } from '../hooks/terminal.js';
import { ServicesContext, type Services } from '../services.js';
import { theme } from '../theme.js';
import { ChallengeScreen } from './ChallengeScreen.js';
import { Help } from './Help.js';
import { Home } from './Home.js';
import { LessonScreen } from './LessonScreen.js';

export type Screen = { kind: 'home' } | { kind: 'lesson'; id: string } | { kind: 'challenge'; id: string };

export interface AppProps {
  services: Services;
  /** Open here instead of the home screen. */
  initial?: Screen;
  /** Clear the terminal when switching screens (off in tests). */
  clearOnSwitch?: boolean;
}

export function App(props: AppProps): ReactNode {
  const [suspended, setSuspended] = useState(false);
  const [interrupts] = useState(createInterrupts);
  const [typeAhead] = useState(createTypeAhead);
  const released = useRef<(() => void) | undefined>(undefined);
  useEffect(() => {
    if (suspended) released.current?.();
  }, [suspended]);
  const terminal = useMemo<TerminalControl>(
    () => ({
      suspended,
      async suspendFor(fn) {
        // Wait until React has committed the suspended render: by then every
        // input hook has let go of stdin.
        await new Promise<void>((resolve) => {
          released.current = resolve;
          setSuspended(true);
        });
        try {
          return await fn();
        } finally {
          released.current = undefined;
          setSuspended(false);
        }
      },
    }),
    [suspended],
  );
  return (
    <ServicesContext.Provider value={props.services}>
      <TerminalContext.Provider value={terminal}>
        <InterruptContext.Provider value={interrupts}>
          <TypeAheadContext.Provider value={typeAhead}>
          <Box display={suspended ? 'none' : 'flex'} flexDirection="column">
            <Screens {...props} />
          </Box>
          </TypeAheadContext.Provider>
        </InterruptContext.Provider>
      </TerminalContext.Provider>
    </ServicesContext.Provider>
  );
}

function Screens({ services, initial, clearOnSwitch = true }: AppProps): ReactNode {
  const { exit } = useApp();
  const { write } = useStdout();
  const interrupts = useContext(InterruptContext);
  const [content, setContent] = useState<ContentIndex>();
  const [loadError, setLoadError] = useState<string>();
  const [screen, setScreen] = useState<Screen>(initial ?? { kind: 'home' });
  const [help, setHelp] = useState(false);
  const [, setTick] = useState(0);

  useEffect(() => {
    services.loadContent().then(setContent, (err: Error) => setLoadError(err.message));
  }, [services]);

  // Ctrl-C (raw mode turns it into a key) stops the command running now, if
  // one is; otherwise it leaves, and the caller destroys the labs.
  useKeys((input, key) => {
    if (key.ctrl && input === 'c' && !interrupts.interrupt()) exit();
  });

  const go = useCallback(
    (next: Screen) => {
      // Each screen starts on a clean terminal: the previous transcript would only confuse.
      if (clearOnSwitch) write('\x1b[2J\x1b[3J\x1b[H');
      setScreen(next);
      setTick((t) => t + 1);
    },
    [clearOnSwitch, write],
  );

  if (loadError) {
    return (
      <Box flexDirection="column">
        <Text color={theme.bad}>nslab could not load its lessons and challenges: {loadError}</Text>
        <Text dimColor>Run `nslab validate` to see what is wrong. Ctrl-C quits.</Text>
      </Box>
    );
  }
  if (!content) return <Text dimColor>nslab · loading lessons…</Text>;

  const progress = services.progress.get();
  const items = catalog(content, progress);
  const open = (item: CatalogItem): void => go({ kind: item.kind, id: item.id });
  const home = (): void => go({ kind: 'home' });
  const notice = [
    services.progress.warning,
    content.errors.length > 0 ? `${content.errors.length} problem(s) in the content files were skipped: run \`nslab validate\`.` : undefined,
  ]
    .filter(Boolean)
    .join(' ');

  if (screen.kind === 'lesson') {
    const index = content.lessons.findIndex((l) => l.id === screen.id);
    const lesson = content.lessons[index];
    if (lesson)
      return (
        <LessonScreen
          key={`lesson:${lesson.id}`}
          lesson={lesson}
          number={index + 1}
          onLeave={home}
          onOpenChallenge={(id) => go({ kind: 'challenge', id })}
        />
      );
  }
  if (screen.kind === 'challenge') {
    const index = content.challenges.findIndex((c) => c.id === screen.id);
    const challenge = content.challenges[index];
    if (challenge)
      return (
        <ChallengeScreen
          key={`challenge:${challenge.id}`}
          challenge={challenge}
          next={content.challenges[index + 1]?.id}
          onLeave={home}
          onOpenChallenge={(id) => go({ kind: 'challenge', id })}
        />
      );
  }
  return (
    <Box flexDirection="column">
      <Home items={items} progress={progress} active={!help} onOpen={open} onQuit={() => exit()} onHelp={() => setHelp(true)} notice={notice || undefined} />
      {help ? <Help topic="home" onClose={() => setHelp(false)} /> : null}
    </Box>
  );
}
