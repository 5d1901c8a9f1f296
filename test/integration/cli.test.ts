// The command line as a user meets it: usage errors exit 2 with usage, a
// missing tool is one clear message naming the fix, never a stack trace.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/lab/paths.js';

function nslab(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync('node', [`${PACKAGE_ROOT}/bin/nslab.js`, ...args], { encoding: 'utf8', env, timeout: 30000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('nslab on the command line', () => {
  it('unknown command: usage, a guess, exit 2', () => {
    const r = nslab(['shel']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command "shel"\. Did you mean "shell"\?/);
    expect(r.err).toMatch(/^usage: nslab/m);
  });

  it('unknown flag: the command\'s usage, exit 2', () => {
    const r = nslab(['shell', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/usage: nslab shell/);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('--help and --version', () => {
    expect(nslab(['--help'])).toMatchObject({ code: 0 });
    expect(nslab(['--version']).out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('shell -c returns the exit status of the command', () => {
    expect(nslab(['shell', '-q', '-c', 'exit 42']).code).toBe(42);
  });

  it('a script on stdin runs in the lab', () => {
    const r = spawnSync('node', [`${PACKAGE_ROOT}/bin/nslab.js`, 'shell', '-q'], { input: 'hostname\nip -4 -br addr show eth0\n', encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^host\neth0@\S+\s+UP\s+172\.16\.0\.2\/16/);
  });
});
