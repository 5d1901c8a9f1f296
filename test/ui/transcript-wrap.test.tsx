// Text printed into the transcript (ink's Static) must wrap within the
// terminal: a line one column too wide is broken again by the terminal,
// mid-word. Checked for every lesson and challenge text at two widths.
import { EventEmitter } from 'node:events';
import { Box, render, Static, Text } from 'ink';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/index.js';
import { EntryView } from '../../src/ui/components/Transcript.js';
import { parseMarkdown } from '../../src/ui/markdown.js';

class Terminal extends EventEmitter {
  rows = 50;
  isTTY = true;
  frames: string[] = [];
  constructor(readonly columns: number) {
    super();
  }
  write = (frame: string): boolean => {
    this.frames.push(frame);
    return true;
  };
}

async function widestLine(markdown: string, columns: number): Promise<{ width: number; line: string }> {
  const stdout = new Terminal(columns);
  const entry = { id: 1, kind: 'prose' as const, blocks: parseMarkdown(markdown) };
  const app = render(
    <Box flexDirection="column">
      <Static items={[entry]}>{(e) => <EntryView key={e.id} entry={e} />}</Static>
      <Text>live</Text>
    </Box>,
    { stdout: stdout as never, patchConsole: false },
  );
  await new Promise((r) => setTimeout(r, 20));
  app.unmount();
  // eslint-disable-next-line no-control-regex
  const lines = stdout.frames.join('').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').split('\n');
  return lines.reduce((w, line) => ([...line].length > w.width ? { width: [...line].length, line } : w), { width: 0, line: '' });
}

const content = await loadContent();
const texts = [
  ...content.lessons.map((l) => ({ name: `lesson ${l.id}`, text: l.body })),
  ...content.challenges.map((c) => ({ name: `challenge ${c.id}`, text: c.task })),
];

describe('transcript text wraps within the terminal', () => {
  for (const columns of [120, 80]) {
    it(`every lesson and challenge text at ${columns} columns`, async () => {
      for (const { name, text } of texts) {
        const widest = await widestLine(text, columns);
        expect(widest.width, `${name}: "${widest.line}"`).toBeLessThanOrEqual(columns);
      }
    });
  }
});
