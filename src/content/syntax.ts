// Shell syntax of steps and states, checked with `bash -n` (which parses and
// runs nothing), so a typo is a file:line error from `nslab validate` rather
// than a surprise in the middle of a lesson.
import { spawn } from 'node:child_process';
import type { ContentError } from './index.js';

export interface Script {
  file: string;
  /** File line of the script's first line. */
  line: number;
  text: string;
}

export async function syntaxErrors(scripts: readonly Script[], parallel = 8): Promise<ContentError[]> {
  const errors: ContentError[][] = new Array(scripts.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < scripts.length) {
      const i = next++;
      errors[i] = await checkOne(scripts[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, scripts.length) }, worker));
  return errors.flat();
}

async function checkOne(script: Script): Promise<ContentError[]> {
  // An argument is limited to 128 KiB; nothing sane is that long, so skip it.
  if (script.text.length > 100_000) return [];
  const stderr = await new Promise<string>((resolve) => {
    const child = spawn('bash', ['-n', '-c', script.text], { stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C' } });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', () => resolve(''));
    child.on('close', () => resolve(err));
  });
  const lines = script.text.split('\n').length;
  return parseBashErrors(stderr).map(({ line, message }) => ({
    file: script.file,
    line: script.line + Math.min(line, lines) - 1,
    message: `shell syntax: ${message}`,
  }));
}

/** "bash: -c: line 3: syntax error near unexpected token `fi'" → { line: 3, … }. */
export function parseBashErrors(stderr: string): Array<{ line: number; message: string }> {
  const out: Array<{ line: number; message: string }> = [];
  for (const l of stderr.split('\n')) {
    const m = /^bash: -c: line (\d+): (.*)$/.exec(l.trim());
    // bash repeats the offending line after the message: keep the message only.
    if (m && !/^`[^]*'$/.test(m[2]!)) out.push({ line: Number(m[1]), message: m[2]! });
  }
  return out;
}
