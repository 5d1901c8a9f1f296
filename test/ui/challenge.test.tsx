import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/components/App.js';
import { fakeServices, KEY, press, waitFor } from './fakes.js';

afterEach(() => cleanup());

async function typeCommand(stdin: { write(s: string): void }, command: string, lastFrame: () => string | undefined): Promise<void> {
  if (!lastFrame()!.includes('Esc back to keys')) {
    await press(stdin, '$');
    await waitFor(() => lastFrame()!.includes('Esc back to keys'), 'the prompt');
  }
  await press(stdin, ...command.split(''), KEY.enter);
}

function openChallenge() {
  const services = fakeServices();
  const r = render(<App services={services} initial={{ kind: 'challenge', id: 'netns' }} clearOnSwitch={false} />);
  return { ...r, services };
}

describe('challenge screen', () => {
  it('shows the task and evaluates the checks once the lab is ready, with details for failures', async () => {
    const { lastFrame, services } = openChallenge();
    await waitFor(() => lastFrame()!.includes('✗ lo is up in netns0'), 'the first evaluation');
    const frame = lastFrame()!;
    expect(frame).toContain('Create netns0 with its loopback up.');
    expect(frame).toContain('✗ netns0 exists');
    expect(frame).toContain('expected exists, found nothing');
    expect(frame).toContain('✗ lo is up in netns0');
    expect(services.prepared).toEqual(['challenge:netns']);
    expect(services.evaluations).toBe(1);
  });

  it('re-evaluates after each command and on c, and shows success when all pass', async () => {
    const { lastFrame, stdin, services } = openChallenge();
    await waitFor(() => services.evaluations === 1 && !lastFrame()!.includes('checking'), 'the first evaluation');
    await typeCommand(stdin, 'ip netns add netns0', lastFrame);
    await waitFor(() => lastFrame()!.includes('checks 1/2') && !lastFrame()!.includes('checking'), 'one check passing');
    expect(services.evaluations).toBe(2);
    expect(lastFrame()).toContain('✓ netns0 exists');
    expect(lastFrame()).not.toContain('Solved');
    await press(stdin, KEY.escape);
    await waitFor(() => lastFrame()!.includes('check now'), 'keys');
    await press(stdin, 'c');
    await waitFor(() => services.evaluations === 3 && !lastFrame()!.includes('checking'), 'the c key');
    await typeCommand(stdin, 'ip -n netns0 link set lo up', lastFrame);
    await waitFor(() => lastFrame()!.includes('Solved'), 'success');
    expect(lastFrame()).toContain('checks 2/2');
    expect(lastFrame()).toContain('N: next challenge (veth)');
    expect(services.progress.get().challenges.netns).toEqual({ hintsShown: 0, done: true });
    await press(stdin, KEY.escape);
    await waitFor(() => lastFrame()!.includes('check now'), 'keys');
    await press(stdin, 'N');
    await waitFor(() => lastFrame()!.includes('challenge veth · Connect it'), 'the next challenge');
    await waitFor(() => services.labs[0]!.destroyed, 'the first lab destroyed');
  });

  it('reveals hints one at a time and remembers how many', async () => {
    const { lastFrame, stdin, services } = openChallenge();
    await waitFor(() => lastFrame()!.includes('lab ready'), 'the lab');
    expect(lastFrame()).not.toContain('hint 1/3');
    await press(stdin, 'h');
    await waitFor(() => /hint 1\/3\s*\n\s*Namespaces are made with ip\./.test(lastFrame()!), 'hint 1');
    expect(lastFrame()).not.toContain('hint 2/3');
    await press(stdin, 'h', 'h', 'h');
    await waitFor(() => /hint 3\/3\s*\n\s*Set it up with ip -n netns0 link set lo up/.test(lastFrame()!), 'hint 3');
    // hints are markdown: inline code is shown as code, without backticks
    expect(lastFrame()).not.toContain('`');
    expect(lastFrame()).toContain('no more hints');
    expect(services.progress.get().challenges.netns?.hintsShown).toBe(3);
  });

  it('resets the lab to the starting state on R', async () => {
    const { lastFrame, stdin, services } = openChallenge();
    await waitFor(() => services.evaluations === 1 && !lastFrame()!.includes('checking'), 'the first evaluation');
    await typeCommand(stdin, 'ip netns add netns0', lastFrame);
    await waitFor(() => lastFrame()!.includes('checks 1/2') && !lastFrame()!.includes('checking'), 'progress');
    await press(stdin, KEY.escape);
    await waitFor(() => lastFrame()!.includes('check now'), 'keys');
    await press(stdin, 'R');
    await waitFor(() => services.labs.length === 2 && services.evaluations >= 3 && !lastFrame()!.includes('checking'), 'a new lab');
    expect(services.labs[0]!.destroyed).toBe(true);
    expect(services.prepared).toEqual(['challenge:netns', 'challenge:netns']);
    expect(lastFrame()).toContain('checks 0/2');
  });
});
