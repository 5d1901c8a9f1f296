import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/components/App.js';
import { Blocks } from '../../src/ui/components/Markdown.js';
import { parseMarkdown, segmentByStep } from '../../src/ui/markdown.js';
import { emptyProgress, recordLessonStep } from '../../src/ui/progress.js';
import { fakeServices, KEY, LESSON_BODY, press, waitFor } from './fakes.js';

afterEach(() => cleanup());

const strip = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('markdown', () => {
  it('parses every element into blocks and numbers runnable steps', () => {
    const blocks = parseMarkdown(LESSON_BODY);
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'quote', 'rule', 'code', 'paragraph', 'code', 'code', 'paragraph']);
    expect(blocks[1]).toMatchObject({
      kind: 'paragraph',
      spans: [
        { kind: 'text', text: 'A ' },
        { kind: 'strong', text: 'network namespace' },
        { kind: 'text', text: ' is a ' },
        { kind: 'em', text: 'separate' },
        { kind: 'text', text: ' copy of the network stack; see ' },
        { kind: 'link', text: 'the man page' },
        { kind: 'text', text: ' and ' },
        { kind: 'code', text: 'ip netns' },
        { kind: 'text', text: '.' },
      ],
    });
    const steps = blocks.filter((b) => b.kind === 'code').map((b) => (b.kind === 'code' ? [b.lang, b.step] : []));
    expect(steps).toEqual([['sh', 1], ['sh', 2], ['text', undefined]]);
    const segments = segmentByStep(blocks);
    expect(segments.map((s) => [s.step, s.blocks.length])).toEqual([[1, 6], [2, 2], [undefined, 2]]);
  });

  it('renders headings, emphasis, links, lists, quotes, rules, highlighted code and dimmed text blocks', () => {
    const { lastFrame } = render(<Blocks blocks={parseMarkdown(LESSON_BODY)} currentStep={2} />);
    const frame = strip(lastFrame()!);
    expect(frame).toContain('Namespaces');
    expect(frame.replace(/\s+/g, ' ')).toContain('A network namespace is a separate copy of the network stack; see the man page (https://man7.org/linux/man-pages/man8/ip-netns.8.html) and ip netns.');
    expect(frame).toMatch(/• devices\n• routes\n +1\. nested ordered/);
    expect(frame).toMatch(/│ A quote about isolation\./);
    expect(frame).toContain('─'.repeat(40));
    expect(frame).toContain('step 1 · on the host');
    expect(frame).toContain('▶ step 2 · at netns0');
    expect(frame).toContain('ip link list # only lo');
    expect(frame).toContain('1: lo: <LOOPBACK> mtu 65536');
  });
});

function openLesson(options: Parameters<typeof fakeServices>[0] = {}) {
  const services = fakeServices(options);
  const r = render(<App services={services} initial={{ kind: 'lesson', id: 'netns' }} clearOnSwitch={false} />);
  return { ...r, services };
}

describe('lesson screen', () => {
  it('shows the prose up to the current step and the step card with its expectation', async () => {
    const { lastFrame } = openLesson();
    await waitFor(() => lastFrame()!.includes('lab ready'), 'the lab');
    const frame = strip(lastFrame()!);
    expect(frame).toContain('Lesson 1 · Network namespaces');
    expect(frame).toContain('A network namespace is a separate copy');
    expect(frame).toContain('▶ step 1 · on the host');
    expect(frame).toContain('expected: succeeds');
    expect(frame).toContain('step 1/2 · lab ready');
    expect(frame).not.toContain('List them'); // step 2's prose is not shown yet
  });

  it('runs a step: output streams live, then moves to the transcript with ✓', async () => {
    const { lastFrame, stdin, services } = openLesson({ streamSteps: true });
    await waitFor(() => lastFrame()!.includes('lab ready'), 'the lab');
    await press(stdin, KEY.enter);
    await waitFor(() => lastFrame()!.includes('second line'), 'streamed output');
    expect(strip(lastFrame()!)).toMatch(/running at host ip netns add netns0 +Ctrl-C stops it *│\n│ first line *│\n│ second line *│/);
    services.release!();
    await waitFor(() => lastFrame()!.includes('did what it should'), 'the verdict');
    const frame = strip(lastFrame()!);
    expect(frame).not.toContain('running at');
    expect(frame).toMatch(/host \$ ip netns add netns0\nfirst line\nsecond line\nran ip netns add netns0 at host/);
    expect(frame).toContain('✓ step 1 did what it should');
    expect(services.progress.get().lessons.netns).toMatchObject({ passed: ['step-1'], done: false });
  });

  it('moves between steps with n/p and shows ✗ with the detail when a step does not meet its expectation', async () => {
    const { lastFrame, stdin, services } = openLesson();
    await waitFor(() => lastFrame()!.includes('lab ready'), 'the lab');
    await press(stdin, 'n');
    await waitFor(() => lastFrame()!.includes('step 2/2'), 'step 2');
    expect(strip(lastFrame()!)).toContain('List them:');
    expect(strip(lastFrame()!)).toContain('expected: succeeds, output matching /lo/');
    // The fake runs "ip link list # only lo" and answers "ran … at netns0": it matches /lo/.
    await press(stdin, 'r');
    await waitFor(() => lastFrame()!.includes('✓ step 2'), 'step 2 verdict');
    expect(services.labs[0]!.ran.at(-1)).toEqual({ script: 'ip link list # only lo', at: 'netns0' });
    await press(stdin, 'n');
    await waitFor(() => lastFrame()!.includes('end of lesson'), 'the end');
    expect(strip(lastFrame()!)).toContain('That is all.');
    expect(strip(lastFrame()!)).toContain('Some steps have not passed yet');
    await press(stdin, 'p', 'p');
    await waitFor(() => lastFrame()!.includes('step 1/2'), 'back at step 1');
  });

  it('shows ✗ and the expected-vs-got detail', async () => {
    const services = fakeServices();
    services.runStep = async (_lab, _step, { onOutput }) => {
      onOutput?.('Cannot find device\n');
      return { passed: false, detail: 'expected exit status 0, got 1', result: { exitCode: 1, signal: null, stdout: '', stderr: 'Cannot find device\n', output: 'Cannot find device\n', timedOut: false, truncated: false, aborted: false, durationMs: 1 } };
    };
    const { lastFrame, stdin } = render(<App services={services} initial={{ kind: 'lesson', id: 'netns' }} clearOnSwitch={false} />);
    await waitFor(() => lastFrame()!.includes('lab ready'), 'the lab');
    await press(stdin, KEY.enter);
    await waitFor(() => lastFrame()!.includes('did not do what it should'), 'the verdict');
    expect(strip(lastFrame()!)).toContain('✗ step 1 did not do what it should: expected exit status 0, got 1');
    expect(strip(lastFrame()!)).toContain('(exit status 1)');
  });

  it('resumes at the saved step, building the lab to where that step starts', async () => {
    const progress = recordLessonStep(emptyProgress(), 'netns', 2, 2);
    const { lastFrame, services } = openLesson({ progress });
    await waitFor(() => lastFrame()!.includes('lab ready'), 'the lab');
    expect(services.prepared).toEqual(['netns:step-2']);
    expect(strip(lastFrame()!)).toContain('step 2/2');
  });

  it('takes typed commands at the prompt, with history and a place to run them', async () => {
    const { lastFrame, stdin, services } = openLesson();
    await waitFor(() => lastFrame()!.includes('lab ready'), 'the lab');
    await press(stdin, '$');
    await waitFor(() => lastFrame()!.includes('Esc back to keys'), 'the prompt');
    await press(stdin, ...'ip netns add netns0'.split(''), KEY.enter);
    await waitFor(() => lastFrame()!.includes('ran ip netns add netns0 at host'), 'the first command');
    await press(stdin, ...'echo hi'.split(''), KEY.enter);
    await waitFor(() => lastFrame()!.includes('ran echo hi at host'), 'the second command');
    // Tab cycles host → netns0 (read from `ip netns list`) → host.
    await press(stdin, KEY.tab);
    await waitFor(() => /^netns0 \$ *$/m.test(strip(lastFrame()!)), 'the place to change');
    await press(stdin, KEY.up);
    await waitFor(() => strip(lastFrame()!).includes('netns0 $ echo hi'), 'history 1');
    await press(stdin, KEY.up);
    await waitFor(() => strip(lastFrame()!).includes('netns0 $ ip netns add netns0'), 'history 2');
    await press(stdin, KEY.down);
    await waitFor(() => strip(lastFrame()!).includes('netns0 $ echo hi'), 'history forward');
    await press(stdin, KEY.enter);
    await waitFor(() => lastFrame()!.includes('ran echo hi at netns0'), 'the command in netns0');
    await press(stdin, ...':at @client'.split(''), KEY.enter);
    await waitFor(() => /^@client \$ *$/m.test(strip(lastFrame()!)), 'the :at command');
    await press(stdin, ...':at bad/name'.split(''), KEY.enter);
    await waitFor(() => lastFrame()!.includes('is not a valid namespace name'), 'the error');
    expect(services.labs[0]!.ran.filter((r) => r.script !== 'ip netns list')).toEqual([
      { script: 'ip netns add netns0', at: 'host' },
      { script: 'echo hi', at: 'host' },
      { script: 'echo hi', at: 'netns0' },
    ]);
    await press(stdin, KEY.escape);
    await waitFor(() => lastFrame()!.includes('run step 1'), 'keys again');
  });

  it('hands the terminal to a shell in the lab and comes back', async () => {
    const { lastFrame, stdin, services } = openLesson();
    await waitFor(() => lastFrame()!.includes('lab ready'), 'the lab');
    await press(stdin, 's');
    await waitFor(() => lastFrame()!.includes('back from the shell'), 'the return');
    expect(services.shells).toEqual([{ lab: services.labs[0]!.id, at: 'host' }]);
    await press(stdin, 'q');
    await waitFor(() => services.labs[0]!.destroyed, 'the lab destroyed on leave');
  });

  it('draws the topology on t', async () => {
    const { lastFrame, stdin } = openLesson();
    await waitFor(() => lastFrame()!.includes('lab ready'), 'the lab');
    await press(stdin, 't');
    await waitFor(() => lastFrame()!.includes('┌─ netns0'), 'the drawing');
    expect(lastFrame()).toContain('veth0 172.18.0.11/16 ◀━▶ netns0:ceth0');
    await press(stdin, 't');
    await waitFor(() => !lastFrame()!.includes('┌─ netns0'), 'the drawing to hide');
  });
});
