// Ctrl-C stops the command running now; with nothing running it quits.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/components/App.js';
import { createInterrupts } from '../../src/ui/hooks/terminal.js';
import { content, fakeServices, KEY, LESSON_BODY, lessonA, press, step, waitFor } from './fakes.js';

afterEach(() => cleanup());

const strip = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('createInterrupts', () => {
  it('asks every stopper and says whether any stopped something', () => {
    const interrupts = createInterrupts();
    expect(interrupts.interrupt()).toBe(false);
    let running = true;
    const calls: string[] = [];
    const remove = interrupts.register(() => {
      calls.push('a');
      const was = running;
      running = false;
      return was;
    });
    interrupts.register(() => (calls.push('b'), false));
    expect(interrupts.interrupt()).toBe(true);
    expect(interrupts.interrupt()).toBe(false); // nothing left to stop
    expect(calls).toEqual(['a', 'b', 'a', 'b']);
    remove();
    interrupts.interrupt();
    expect(calls).toEqual(['a', 'b', 'a', 'b', 'b']);
  });
});

describe('Ctrl-C in the TUI', () => {
  it('stops a command typed at the prompt, keeps nslab and its lab, and quits when pressed with nothing running', async () => {
    const services = fakeServices();
    const { lastFrame, stdin } = render(<App services={services} initial={{ kind: 'lesson', id: 'netns' }} clearOnSwitch={false} />);
    await waitFor(() => lastFrame()!.includes('lab ready'), 'the lab');
    await press(stdin, '$');
    await waitFor(() => lastFrame()!.includes('Esc back to keys'), 'the prompt');
    await press(stdin, ...'sleep 100'.split(''), KEY.enter);
    await waitFor(() => lastFrame()!.includes('running at host'), 'the command to run');
    expect(strip(lastFrame()!)).toContain('Ctrl-C stops it');
    const lab = services.labs[0]!;
    expect(lab.signals[0]?.aborted).toBe(false);
    await press(stdin, KEY.ctrlC);
    await waitFor(() => lastFrame()!.includes('stopped with Ctrl-C'), 'the command to stop');
    expect(lab.signals[0]?.aborted).toBe(true);
    const frame = strip(lastFrame()!);
    expect(frame).toMatch(/host \$ sleep 100\nzzz\n\(stopped with Ctrl-C\)/);
    expect(frame).not.toContain('running at');
    expect(lab.destroyed).toBe(false);
    // still alive: the prompt takes the next command
    await press(stdin, ...'echo hi'.split(''), KEY.enter);
    await waitFor(() => lastFrame()!.includes('ran echo hi at host'), 'the next command');
    expect(lab.destroyed).toBe(false);
    // nothing runs now: Ctrl-C quits, and quitting takes the lab down
    await press(stdin, KEY.ctrlC);
    await waitFor(() => lab.destroyed, 'nslab to quit and destroy the lab');
  });

  it('stops a running lesson step without judging it; Enter runs it again', async () => {
    const lesson = { ...lessonA, body: LESSON_BODY.replace('ip netns add netns0', 'sleep 100'), steps: [step(1, 'sleep 100'), lessonA.steps[1]!] };
    const services = fakeServices({ content: { ...content, lessons: [lesson, ...content.lessons.slice(1)] } });
    const { lastFrame, stdin } = render(<App services={services} initial={{ kind: 'lesson', id: 'netns' }} clearOnSwitch={false} />);
    await waitFor(() => lastFrame()!.includes('lab ready'), 'the lab');
    await press(stdin, KEY.enter);
    await waitFor(() => lastFrame()!.includes('running at host'), 'the step to run');
    const lab = services.labs[0]!;
    await press(stdin, KEY.ctrlC);
    await waitFor(() => lastFrame()!.includes('stopped with Ctrl-C'), 'the step to stop');
    expect(lab.signals).toHaveLength(1);
    expect(lab.signals[0]?.aborted).toBe(true);
    const frame = strip(lastFrame()!);
    expect(frame).not.toMatch(/[✓✗] step 1/);
    expect(frame).toContain('Enter run step 1');
    expect(services.progress.get().lessons.netns?.passed ?? []).toEqual([]);
    expect(lab.destroyed).toBe(false);
    // Enter runs it again (a fresh signal), and this time it is let finish
    await press(stdin, KEY.enter);
    await waitFor(() => lab.signals.length === 2, 'the step to run again');
    expect(lab.signals[1]).not.toBe(lab.signals[0]);
    expect(lab.signals[1]?.aborted).toBe(false);
    await press(stdin, KEY.ctrlC);
    await waitFor(() => lab.signals[1]!.aborted, 'the second run to stop');
    expect(lab.destroyed).toBe(false);
  });

  it('quits from a screen where nothing runs, destroying its lab', async () => {
    const services = fakeServices();
    const { lastFrame, stdin } = render(<App services={services} initial={{ kind: 'challenge', id: 'netns' }} clearOnSwitch={false} />);
    await waitFor(() => lastFrame()!.includes('lab ready'), 'the lab');
    await press(stdin, KEY.ctrlC);
    await waitFor(() => services.labs[0]!.destroyed, 'nslab to quit and destroy the lab');
  });
});
