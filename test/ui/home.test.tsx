import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/ui/components/App.js';
import { emptyProgress, recordChallenge, recordLessonStep } from '../../src/ui/progress.js';
import { fakeServices, KEY, press, waitFor } from './fakes.js';

afterEach(() => cleanup());

function app(services = fakeServices()) {
  const r = render(<App services={services} clearOnSwitch={false} />);
  return { ...r, services };
}

describe('home screen', () => {
  it('lists lessons then challenges with progress marks and suggests the next one', async () => {
    let progress = recordLessonStep(emptyProgress(), 'netns', 2, 2, 'step-1');
    progress = recordLessonStep(progress, 'netns', 2, 2, 'step-2'); // both steps passed: done
    progress = recordChallenge(progress, 'netns', { hintsShown: 1 }); // started, not solved
    const { lastFrame } = app(fakeServices({ progress }));
    await waitFor(() => lastFrame()!.includes('Lessons'), 'the list');
    const frame = lastFrame()!;
    expect(frame).toMatch(/Lessons[\s\S]*Network namespaces[\s\S]*Connecting a container[\s\S]*Challenges[\s\S]*Make a namespace[\s\S]*Connect it/);
    expect(frame).toMatch(/✓ +1\. Network namespaces/);
    expect(frame).toMatch(/· +2\. Connecting a container ← next/);
    expect(frame).toMatch(/◐ netns +Make a namespace ★☆☆/);
    expect(frame).toMatch(/· veth +Connect it ★★☆/);
    expect(frame).toContain('lessons 1/2 · challenges 0/2');
  });

  it('starts on the suggested item and moves with arrows and j/k, clamped at the ends', async () => {
    const { lastFrame, stdin } = app();
    await waitFor(() => lastFrame()!.includes('Lessons'), 'the list');
    const selected = (): string => lastFrame()!.split('\n').find((l) => l.includes('❯')) ?? '';
    expect(selected()).toContain('Network namespaces');
    await press(stdin, KEY.down);
    expect(selected()).toContain('Connecting a container');
    await press(stdin, 'j');
    expect(selected()).toContain('Make a namespace');
    await press(stdin, 'j', 'j', 'j', 'j');
    expect(selected()).toContain('Connect it');
    await press(stdin, 'k', KEY.up);
    expect(selected()).toContain('Connecting a container');
    await press(stdin, KEY.up, KEY.up, KEY.up);
    expect(selected()).toContain('Network namespaces');
  });

  it('counts every key of a burst that arrives as one chunk (a held key, a busy machine)', async () => {
    const { lastFrame, stdin } = app();
    await waitFor(() => lastFrame()!.includes('Lessons'), 'the list');
    const selected = (): string => lastFrame()!.split('\n').find((l) => l.includes('❯')) ?? '';
    stdin.write('jjj');
    await waitFor(() => selected().includes('Connect it'), 'three moves down');
  });

  it('shows help on ? and closes it on any key', async () => {
    const { lastFrame, stdin } = app();
    await waitFor(() => lastFrame()!.includes('Lessons'), 'the list');
    await press(stdin, '?');
    await waitFor(() => lastFrame()!.includes('Press any key to close'), 'help');
    expect(lastFrame()).toContain('move through lessons and challenges');
    await press(stdin, 'x');
    await waitFor(() => !lastFrame()!.includes('Press any key to close'), 'help to close');
    await press(stdin, KEY.down);
    expect(lastFrame()!.split('\n').find((l) => l.includes('❯'))).toContain('Connecting a container');
  });

  it('opens a lesson with Enter and comes back with q, destroying its lab', async () => {
    const { lastFrame, stdin, services } = app();
    await waitFor(() => lastFrame()!.includes('Lessons'), 'the list');
    await press(stdin, KEY.enter);
    await waitFor(() => lastFrame()!.includes('step 1/2 · lab ready'), 'the lesson');
    expect(services.prepared).toEqual(['netns']);
    await press(stdin, 'q');
    await waitFor(() => lastFrame()!.includes('❯'), 'home again');
    expect(services.labs).toHaveLength(1);
    await waitFor(() => services.labs[0]!.destroyed, 'the lab destroyed');
  });

  it('says all is done when everything is', async () => {
    let progress = emptyProgress();
    for (const id of ['netns', 'veth']) {
      progress = recordLessonStep(progress, id, 1, 1, 'step-1');
      progress = recordChallenge(progress, id, { done: true });
    }
    const { lastFrame } = app(fakeServices({ progress }));
    await waitFor(() => lastFrame()!.includes('Lessons'), 'the list');
    expect(lastFrame()).toContain('Every lesson and challenge is done');
    expect(lastFrame()).not.toContain('← next');
  });

  it('reports content that cannot load, with what to do', async () => {
    const services = fakeServices();
    services.loadContent = async () => {
      throw new Error('lessons/01.md:3: bad front matter');
    };
    const { lastFrame } = app(services);
    await waitFor(() => lastFrame()!.includes('could not load'), 'the error');
    expect(lastFrame()).toContain('lessons/01.md:3: bad front matter');
    expect(lastFrame()).toContain('nslab validate');
  });
});
