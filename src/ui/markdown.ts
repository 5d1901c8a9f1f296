// Lesson markdown → a small block model the UI renders with ink. Pure: the
// same body always gives the same blocks. Runnable steps (```sh step …) are
// numbered in order, as src/content numbers lesson.steps.
import MarkdownIt from 'markdown-it';

export type Span =
  | { kind: 'text'; text: string }
  | { kind: 'strong'; text: string }
  | { kind: 'em'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'link'; text: string; href: string };

export type Block =
  | { kind: 'heading'; level: number; spans: Span[] }
  | { kind: 'paragraph'; spans: Span[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { kind: 'quote'; blocks: Block[] }
  | { kind: 'rule' }
  /** A code block. `step` is the 1-based runnable step number; `text` blocks are sample output. */
  | { kind: 'code'; lang: string; info: string; lines: string[]; step?: number };

type Token = ReturnType<InstanceType<typeof MarkdownIt>["parse"]>[number];

let parser: InstanceType<typeof MarkdownIt> | undefined;

export function isStepInfo(info: string): boolean {
  return /^sh\s+step(\s|$)/.test(info.trim());
}

export function parseMarkdown(body: string): Block[] {
  parser ??= new MarkdownIt({ html: false, linkify: false });
  const tokens = parser.parse(body, {});
  const counter = { step: 0 };
  const [blocks] = parseBlocks(tokens, 0, undefined, counter);
  return blocks;
}

/** Parse block tokens from `i` until the closing token `until` (or the end). */
function parseBlocks(tokens: Token[], i: number, until: string | undefined, counter: { step: number }): [Block[], number] {
  const blocks: Block[] = [];
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (until && t.type === until) return [blocks, i + 1];
    switch (t.type) {
      case 'heading_open': {
        blocks.push({ kind: 'heading', level: Number(t.tag.slice(1)), spans: inlineSpans(tokens[i + 1]) });
        i += 3;
        break;
      }
      case 'paragraph_open': {
        blocks.push({ kind: 'paragraph', spans: inlineSpans(tokens[i + 1]) });
        i += 3;
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const ordered = t.type === 'ordered_list_open';
        const close = ordered ? 'ordered_list_close' : 'bullet_list_close';
        const start = Number(t.attrGet('start') ?? 1);
        const items: Block[][] = [];
        i++;
        while (i < tokens.length && tokens[i]!.type !== close) {
          if (tokens[i]!.type === 'list_item_open') {
            const [item, next] = parseBlocks(tokens, i + 1, 'list_item_close', counter);
            items.push(item);
            i = next;
          } else i++;
        }
        blocks.push({ kind: 'list', ordered, start, items });
        i++;
        break;
      }
      case 'blockquote_open': {
        const [inner, next] = parseBlocks(tokens, i + 1, 'blockquote_close', counter);
        blocks.push({ kind: 'quote', blocks: inner });
        i = next;
        break;
      }
      case 'fence':
      case 'code_block': {
        const info = t.info.trim();
        const lang = info.split(/\s+/)[0] ?? '';
        const lines = t.content.replace(/\n$/, '').split('\n');
        const block: Block = { kind: 'code', lang, info, lines };
        if (t.type === 'fence' && isStepInfo(info)) block.step = ++counter.step;
        blocks.push(block);
        i++;
        break;
      }
      case 'hr':
        blocks.push({ kind: 'rule' });
        i++;
        break;
      case 'inline':
        // tight list items carry inline tokens without paragraph_open
        blocks.push({ kind: 'paragraph', spans: inlineSpans(t) });
        i++;
        break;
      default:
        i++;
    }
  }
  return [blocks, i];
}

function inlineSpans(token: Token | undefined): Span[] {
  const spans: Span[] = [];
  if (!token?.children) return spans;
  let strong = 0;
  let em = 0;
  let link: string | undefined;
  const push = (text: string): void => {
    if (!text) return;
    const kind = link !== undefined ? 'link' : strong > 0 ? 'strong' : em > 0 ? 'em' : 'text';
    const last = spans[spans.length - 1];
    if (last && last.kind === kind && (kind !== 'link' || (last as { href: string }).href === link)) {
      last.text += text;
      return;
    }
    spans.push(kind === 'link' ? { kind, text, href: link! } : { kind, text });
  };
  for (const c of token.children) {
    switch (c.type) {
      case 'text':
        push(c.content);
        break;
      case 'code_inline':
        spans.push({ kind: 'code', text: c.content });
        break;
      case 'softbreak':
        push(' ');
        break;
      case 'hardbreak':
        push('\n');
        break;
      case 'strong_open':
        strong++;
        break;
      case 'strong_close':
        strong--;
        break;
      case 'em_open':
        em++;
        break;
      case 'em_close':
        em--;
        break;
      case 'link_open':
        link = String(c.attrGet("href") ?? "");
        break;
      case 'link_close':
        link = undefined;
        break;
      default:
        if (c.content) push(c.content);
    }
  }
  return spans;
}

/**
 * A lesson shown step by step: segment N holds the prose leading up to step N
 * and the step's own block; a last segment holds what follows the last step.
 */
export interface Segment {
  /** 1-based step number, or undefined for the closing prose. */
  step?: number;
  blocks: Block[];
}

export function segmentByStep(blocks: Block[]): Segment[] {
  const segments: Segment[] = [];
  let pending: Block[] = [];
  for (const b of blocks) {
    pending.push(b);
    if (b.kind === 'code' && b.step !== undefined) {
      segments.push({ step: b.step, blocks: pending });
      pending = [];
    }
  }
  if (pending.length > 0 || segments.length === 0) segments.push({ blocks: pending });
  return segments;
}

export function spansText(spans: Span[]): string {
  return spans.map((s) => s.text).join('');
}
