// Blocks (from markdown.ts) → ink. Headings bold, emphasis, inline code,
// lists, quotes, code blocks with shell highlighting; `text` blocks are sample
// output and dimmed; a runnable step is framed and marked when current.
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { highlightShell } from '../highlight.js';
import type { Block, Span } from '../markdown.js';
import { TOKEN_COLOR, theme } from '../theme.js';

export function Spans({ spans }: { spans: Span[] }): ReactNode {
  return spans.map((s, i) => {
    switch (s.kind) {
      case 'strong':
        return <Text key={i} bold>{s.text}</Text>;
      case 'em':
        return <Text key={i} italic>{s.text}</Text>;
      case 'code':
        return <Text key={i} color={theme.code}>{s.text}</Text>;
      case 'link':
        return <Text key={i} underline color={theme.accent}>{s.text}{s.href && s.href !== s.text ? <Text dimColor> ({s.href})</Text> : null}</Text>;
      default:
        return <Text key={i}>{s.text}</Text>;
    }
  });
}

export function ShellLine({ line }: { line: string }): ReactNode {
  return (
    <Text>
      {highlightShell(line).map((t, i) => (
        <Text key={i} color={TOKEN_COLOR[t.kind]}>{t.text}</Text>
      ))}
    </Text>
  );
}

const SHELL_LANGS = new Set(['sh', 'bash', 'shell', 'console', 'zsh']);

export function CodeBlock({ block, current }: { block: Extract<Block, { kind: 'code' }>; current?: boolean }): ReactNode {
  if (block.lang === 'text' || block.lang === '' || !SHELL_LANGS.has(block.lang)) {
    return (
      <Box flexDirection="column" paddingLeft={2}>
        {block.lines.map((l, i) => (
          <Text key={i} dimColor>{l || ' '}</Text>
        ))}
      </Box>
    );
  }
  const isStep = block.step !== undefined;
  return (
    <Box flexDirection="column" borderStyle={isStep ? 'round' : undefined} borderColor={current ? theme.accent : theme.muted} paddingLeft={isStep ? 1 : 2} paddingRight={isStep ? 1 : 0}>
      {isStep ? (
        <Text color={current ? theme.accent : theme.muted}>
          {current ? '▶ ' : ''}step {block.step}
          {stepPlace(block.info)}
        </Text>
      ) : null}
      {block.lines.map((l, i) => (
        <ShellLine key={i} line={l} />
      ))}
    </Box>
  );
}

function stepPlace(info: string): string {
  const at = /(?:^|\s)at=(\S+)/.exec(info)?.[1];
  return at ? ` · at ${at}` : ' · on the host';
}

function ListBlock({ block, currentStep }: { block: Extract<Block, { kind: 'list' }>; currentStep?: number }): ReactNode {
  return (
    <Box flexDirection="column">
      {block.items.map((item, i) => (
        <Box key={i} flexDirection="row">
          {/* the bullet keeps its width; only the text beside it may shrink */}
          <Box flexShrink={0}>
            <Text color={theme.accent}>{block.ordered ? `${block.start + i}. ` : '• '}</Text>
          </Box>
          <Box flexDirection="column" flexShrink={1}>
            <Blocks blocks={item} currentStep={currentStep} tight />
          </Box>
        </Box>
      ))}
    </Box>
  );
}

export function BlockView({ block, currentStep }: { block: Block; currentStep?: number }): ReactNode {
  switch (block.kind) {
    case 'heading':
      return (
        <Text bold color={block.level <= 2 ? theme.accent : undefined} underline={block.level === 1}>
          {block.level > 2 ? '#'.repeat(block.level) + ' ' : ''}
          <Spans spans={block.spans} />
        </Text>
      );
    case 'paragraph':
      return (
        <Text wrap="wrap">
          <Spans spans={block.spans} />
        </Text>
      );
    case 'list':
      return <ListBlock block={block} currentStep={currentStep} />;
    case 'quote':
      return (
        <Box borderStyle="single" borderLeft borderRight={false} borderTop={false} borderBottom={false} borderColor={theme.muted} paddingLeft={1} flexDirection="column">
          <Blocks blocks={block.blocks} currentStep={currentStep} />
        </Box>
      );
    case 'rule':
      return <Text dimColor>{'─'.repeat(40)}</Text>;
    case 'code':
      return <CodeBlock block={block} current={block.step !== undefined && block.step === currentStep} />;
  }
}

export function Blocks({ blocks, currentStep, tight }: { blocks: Block[]; currentStep?: number; tight?: boolean }): ReactNode {
  return (
    <Box flexDirection="column" gap={tight ? 0 : 1}>
      {blocks.map((b, i) => (
        <BlockView key={i} block={b} currentStep={currentStep} />
      ))}
    </Box>
  );
}
