// Split a command line the way iptables-save quotes it (and a shell would, for
// the simple cases a check author writes): whitespace separates, "..." and
// '...' group, a backslash escapes the next character outside single quotes.
// Never throws: an unterminated quote runs to the end of the line.
export function tokenize(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inToken = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inToken = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inToken = true;
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inToken) out.push(cur);
      cur = '';
      inToken = false;
    } else {
      cur += c;
      inToken = true;
    }
  }
  if (inToken) out.push(cur);
  return out;
}

/** Quote a token for display the way iptables-save does (only when needed). */
export function quoteToken(t: string): string {
  if (t !== '' && /^[^\s"'\\]+$/.test(t)) return t;
  return `"${t.replace(/(["\\])/g, '\\$1')}"`;
}
