// Simple shell highlighting for code blocks and the prompt: the command word,
// options, quoted strings, comments, addresses. Pure; no shell parsing beyond
// what makes the commands of the lessons easier to read.

export type TokenKind = 'command' | 'option' | 'string' | 'comment' | 'address' | 'variable' | 'operator' | 'plain';

export interface ShellToken {
  kind: TokenKind;
  text: string;
}

const ADDRESS = /^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?(:\d+)?$/;

export function highlightShell(line: string): ShellToken[] {
  const tokens: ShellToken[] = [];
  let i = 0;
  let expectCommand = true;
  const push = (kind: TokenKind, text: string): void => {
    const last = tokens[tokens.length - 1];
    if (last && last.kind === kind && kind === 'plain') last.text += text;
    else tokens.push({ kind, text });
  };
  while (i < line.length) {
    const rest = line.slice(i);
    const ch = line[i]!;
    if (/\s/.test(ch)) {
      const m = /^\s+/.exec(rest)![0];
      push('plain', m);
      i += m.length;
      continue;
    }
    if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]!))) {
      push('comment', rest);
      break;
    }
    if (ch === '"' || ch === "'") {
      const end = line.indexOf(ch, i + 1);
      const text = end < 0 ? rest : line.slice(i, end + 1);
      push('string', text);
      i += text.length;
      expectCommand = false;
      continue;
    }
    const op = /^(\|\||&&|[|;&]|\$\(|\)|>>?|<)/.exec(rest);
    if (op) {
      push('operator', op[0]);
      i += op[0].length;
      expectCommand = op[0] !== ')' && op[0] !== '>' && op[0] !== '>>' && op[0] !== '<';
      continue;
    }
    const word = /^[^\s"'|;&()<>]+/.exec(rest)![0];
    let kind: TokenKind = 'plain';
    if (expectCommand && !/^\w+=/.test(word)) kind = 'command';
    else if (/^--?[A-Za-z]/.test(word)) kind = 'option';
    else if (ADDRESS.test(word)) kind = 'address';
    else if (word.startsWith('$')) kind = 'variable';
    if (kind === 'command') expectCommand = false;
    push(kind, word);
    i += word.length;
  }
  return tokens;
}

/** Make command output safe to print inside the UI: no escapes, no carriage-return redraws, tabs expanded. */
export function cleanOutput(text: string): string {
  return text
    .replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .replace(/\x1b\][^\x07\x1b]*(\x07|\x1b\\)/g, '')
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => {
      const parts = line.split('\r');
      return (parts[parts.length - 1] ?? '').replace(/\t/g, '    ');
    })
    .join('\n')
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}

/** The last `n` lines of a growing output (for the live region). */
export function tailLines(text: string, n: number): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.slice(-n);
}
