import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/components/App.js';
import { fakeServices, KEY, press, waitFor } from './fakes.js';

afterEach(() => cleanup());

describe('the prompt', () => {
  it('submits every key typed before Enter, even when they come faster than a re-render (a paste)', async () => {
    const services = fakeServices();
    const { lastFrame, stdin } = render(<App services={services} initial={{ kind: 'lesson', id: 'netns' }} clearOnSwitch={false} />);
    await waitFor(() => lastFrame()!.includes('lab ready'), 'the lab');
    await press(stdin, '$');
    await waitFor(() => lastFrame()!.includes('Esc back to keys'), 'the prompt');
    for (const c of 'echo fast') stdin.write(c);
    stdin.write(KEY.enter);
    await waitFor(() => services.labs[0]!.ran.length > 0, 'the command');
    expect(services.labs[0]!.ran).toEqual([{ script: 'echo fast', at: 'host' }]);
  });

  it('runs text and Enter that arrive in one chunk, a pasted block as one script', async () => {
    const services = fakeServices();
    const { lastFrame, stdin } = render(<App services={services} initial={{ kind: 'lesson', id: 'netns' }} clearOnSwitch={false} />);
    await waitFor(() => lastFrame()!.includes('lab ready'), 'the lab');
    await press(stdin, '$');
    await waitFor(() => lastFrame()!.includes('Esc back to keys'), 'the prompt');
    stdin.write('ip netns add netns0\rip netns list\rip -br');
    await waitFor(() => services.labs[0]!.ran.length > 0, 'the command');
    expect(services.labs[0]!.ran).toEqual([{ script: 'ip netns add netns0\nip netns list', at: 'host' }]);
    await waitFor(() => lastFrame()!.includes('host $ ip -br'), 'the rest still typed');
  });

  it('keeps what is typed right after $, before the prompt has rendered', async () => {
    const services = fakeServices();
    const { lastFrame, stdin } = render(<App services={services} initial={{ kind: 'lesson', id: 'netns' }} clearOnSwitch={false} />);
    await waitFor(() => lastFrame()!.includes('lab ready'), 'the lab');
    stdin.write('$');
    stdin.write('ip netns list');
    stdin.write('\r');
    await waitFor(() => services.labs[0]!.ran.length > 0, 'the command');
    expect(services.labs[0]!.ran).toEqual([{ script: 'ip netns list', at: 'host' }]);
  });

  it('says so when a command is typed before the lab is ready, instead of dropping it', async () => {
    let built!: () => void;
    const services = fakeServices({ labBuilt: new Promise<void>((r) => (built = r)) });
    const { lastFrame, stdin } = render(<App services={services} initial={{ kind: 'lesson', id: 'netns' }} clearOnSwitch={false} />);
    await waitFor(() => services.prepared.length === 1, 'the lab being built');
    await press(stdin, '$');
    await waitFor(() => lastFrame()!.includes('Esc back to keys'), 'the prompt');
    stdin.write('ip netns list\r');
    await waitFor(() => lastFrame()!.includes('the lab is not ready yet, so this did not run: ip netns list'), 'the note');
    built();
    await waitFor(() => lastFrame()!.includes('lab ready'), 'the lab');
    expect(services.labs[0]!.ran).toEqual([]);
  });
});
