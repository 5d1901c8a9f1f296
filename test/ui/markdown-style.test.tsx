// Styles need colour on: chalk decides at import, so set it before loading ink.
import { describe, expect, it } from 'vitest';

process.env.FORCE_COLOR = '1';
const { render } = await import('ink-testing-library');
const { Blocks } = await import('../../src/ui/components/Markdown.js');
const { parseMarkdown } = await import('../../src/ui/markdown.js');
const { LESSON_BODY } = await import('./fakes.js');

describe('markdown styles', () => {
  it('bold for strong, italic for em, dim for sample output, colours for shell words', () => {
    const raw = render(<Blocks blocks={parseMarkdown(LESSON_BODY)} currentStep={2} />).lastFrame()!;
    expect(raw).toContain('\x1b[1mnetwork namespace');
    expect(raw).toContain('\x1b[3mseparate');
    expect(raw).toMatch(/\x1b\[2m1: lo: <LOOPBACK> mtu 65536/);
    expect(raw).toMatch(/\x1b\[36mip\x1b\[39m/); // the command word
    expect(raw).toMatch(/\x1b\[90m# only lo/); // a comment
    expect(raw).toMatch(/\x1b\[4m\x1b\[36mthe man page/); // a link
  });
});
