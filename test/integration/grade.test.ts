// The grader in real labs: parallel grading gives the same verdicts as one at
// a time, hostile solutions fail without hurting their neighbours, and the
// CLI's exit codes mean what they say.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadChallenges } from '../../src/content/challenge.js';
import type { Challenge } from '../../src/content/types.js';
import { gradeAll, type SolutionResult } from '../../src/grade/grade.js';
import { PACKAGE_ROOT } from '../../src/lab/paths.js';
import { describeLabs } from '../support/labs.js';

const { challenges } = await loadChallenges(`${PACKAGE_ROOT}/challenges`, { statesDir: `${PACKAGE_ROOT}/states` });
const outbound = challenges.find((c) => c.id === 'outbound') as Challenge;

let dir: string;
/** Write solution files and return their paths. */
async function files(scripts: Record<string, string>): Promise<string[]> {
  return Promise.all(
    Object.entries(scripts).map(async ([name, script]) => {
      const path = join(dir, name);
      await writeFile(path, script);
      return path;
    }),
  );
}
const verdict = (r: SolutionResult) => ({
  solution: r.solution,
  passed: r.passed,
  failed: r.checks.filter((c) => !c.passed).map((c) => c.id),
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nslab-grade-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describeLabs('nslab grade', () => {
  it('gives the same verdicts, in input order, with --jobs 4 as one at a time', async () => {
    const wrong = Object.fromEntries(outbound.wrong.map((w, i) => [`wrong-${i}.sh`, w.script]));
    const alternatives = Object.fromEntries((outbound.alternatives ?? []).map((a, i) => [`alternative-${i}.sh`, a.script]));
    const paths = await files({
      'reference.sh': outbound.solution,
      ...wrong,
      ...alternatives,
      'half.sh': 'ip addr add 172.18.0.1/16 dev br0\n',
    });
    expect(paths.length).toBe(8);
    const started = performance.now();
    const parallel = await gradeAll(outbound, paths, { jobs: 4 });
    const parallelMs = performance.now() - started;
    const serial = await gradeAll(outbound, paths, { jobs: 1 });
    const serialMs = performance.now() - started - parallelMs;
    expect(parallel.results.map(verdict)).toEqual(serial.results.map(verdict));
    expect(parallel.results.map((r) => r.solution)).toEqual(paths);
    expect(parallel.results.map((r) => r.passed)).toEqual([true, false, false, false, false, true, true, false]);
    expect(parallel.passed).toBe(false);
    // Four labs at once should not take as long as eight in a row.
    expect(parallelMs).toBeLessThan(serialMs);
  });

  it('fails hostile solutions on their own, without disturbing the others', async () => {
    const [loop, flood, noEth0, killAll, good1, good2] = await files({
      'loop.sh': 'while :; do :; done\n',
      'flood.sh': 'head -c 50000000 /dev/zero | tr "\\0" x\n',
      'no-eth0.sh': `${outbound.solution}\nip link del eth0\n`,
      'kill-all.sh': 'kill -9 -1\n',
      'good1.sh': outbound.solution,
      'good2.sh': outbound.solution,
    });
    const started = performance.now();
    const report = await gradeAll(outbound, [good1!, loop!, flood!, noEth0!, killAll!, good2!], { jobs: 4, timeoutMs: 3000 });
    const elapsed = performance.now() - started;
    const [r1, rLoop, rFlood, rNoEth0, rKill, r2] = report.results as SolutionResult[];
    for (const r of report.results) expect(r.error, `${r.solution}: ${r.error}`).toBeUndefined();
    expect(r1!.passed).toBe(true);
    expect(r2!.passed).toBe(true);

    expect(rLoop).toMatchObject({ passed: false, timedOut: true, exitCode: null });
    expect(rLoop!.checks[0]).toMatchObject({ id: 'solution-finished', passed: false });
    expect(rLoop!.durationMs).toBeLessThan(3000 + 5000);

    expect(rFlood).toMatchObject({ passed: false, truncated: true, timedOut: false });
    expect(rFlood!.checks[0]!.detail).toMatch(/output limit/);

    expect(rNoEth0!.passed).toBe(false);
    expect(verdict(rNoEth0!).failed).toEqual(expect.arrayContaining(['netns0-reaches-internet', 'netns0-masqueraded']));

    expect(rKill!.passed).toBe(false);
    expect(rKill!.timedOut).toBe(false);
    expect(rKill!.checks.some((c) => c.id === 'netns0-reaches-host')).toBe(true);
    expect(elapsed).toBeLessThan(20_000);
  });

  it('reports a lab that cannot be built as an error for that solution only', async () => {
    const [good] = await files({ 'ok.sh': outbound.solution });
    let calls = 0;
    const { Lab } = await import('../../src/lab/lab.js');
    const report = await gradeAll(outbound, [good!, good!], {
      createLab: () => (++calls === 1 ? Promise.reject(new Error('no user namespaces here')) : Lab.create()),
    });
    expect(report.results[0]).toMatchObject({ passed: false, error: expect.stringMatching(/no user namespaces here/) });
    expect(report.results[0]!.checks).toEqual([expect.objectContaining({ id: 'grading', passed: false })]);
    expect(report.results[1]!.passed).toBe(true);
  });

  describe('the command line', () => {
    const nslab = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin/nslab.js'), ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });

    it('exits 0 when every solution passes, 1 when one fails, with the chosen format', async () => {
      await files({ 'cli-good.sh': outbound.solution, 'cli-bad.sh': outbound.wrong[0]!.script });
      const ok = await nslab(['grade', 'outbound', 'cli-good.sh', '--format', 'json']);
      expect(ok.code, ok.stderr).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({ challenge: 'outbound', passed: true, results: [{ solution: 'cli-good.sh', passed: true }] });

      const bad = await nslab(['grade', 'outbound', 'cli-good.sh', 'cli-bad.sh', '--jobs', '2', '--format', 'tap']);
      expect(bad.code, bad.stderr).toBe(1);
      expect(bad.stdout).toMatch(/^TAP version 14\n1\.\.2\n/);
      expect(bad.stdout).toMatch(/^ok 1 - cli-good\.sh$/m);
      expect(bad.stdout).toMatch(/^not ok 2 - cli-bad\.sh$/m);

      const junit = join(dir, 'report.xml');
      const toFile = await nslab(['grade', 'outbound', 'cli-bad.sh', '--format', 'junit', '--output', junit]);
      expect(toFile.code).toBe(1);
      expect(toFile.stdout).toBe('');
      const { readFile } = await import('node:fs/promises');
      expect(await readFile(junit, 'utf8')).toMatch(/<testsuite name="cli-bad\.sh"[^>]*failures="4"/);
    });

    it('exits 2 for usage and content errors, saying what to do', async () => {
      const typo = await nslab(['grade', 'outbond', 'x.sh']);
      expect(typo.code).toBe(2);
      expect(typo.stderr).toMatch(/unknown challenge "outbond"\. Did you mean "outbound"\?/);

      const missing = await nslab(['grade', 'outbound', 'does-not-exist.sh']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/solution file not found: does-not-exist\.sh/);

      expect((await nslab(['grade', 'outbound'])).code).toBe(2);
      expect((await nslab(['grade', 'outbound', 'x.sh', '--format', 'xml'])).stderr).toMatch(/unknown format "xml"/);
      expect((await nslab(['grade', 'outbound', 'x.sh', '--jobs', '0'])).code).toBe(2);
      expect((await nslab(['grade', 'outbound', 'x.sh', '--bogus'])).code).toBe(2);
    });
  });
});

describeLabs('nslab check', () => {
  const nslab = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin/nslab.js'), ...args], { env: { ...process.env, NO_COLOR: '1' } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

  it('judges a running lab: 1 while unsolved, 0 once solved; 2 for a lab that does not exist', async () => {
    const { Lab } = await import('../../src/lab/lab.js');
    const { applySetup } = await import('../../src/grade/setup.js');
    const lab = await Lab.create();
    try {
      await applySetup(lab, outbound);
      const before = await nslab(['check', 'outbound', '--lab', lab.id]);
      expect(before.code, before.stderr).toBe(1);
      expect(before.stdout).toMatch(/✗ netns0 pings the host at 172\.16\.0\.2/);
      expect(before.stdout).toMatch(/0 of 6 checks pass/);

      expect((await lab.run(outbound.solution)).exitCode).toBe(0);
      const after = await nslab(['check', 'outbound', '--lab', lab.id, '--format', 'json']);
      expect(after.code, after.stderr).toBe(0);
      expect(JSON.parse(after.stdout)).toMatchObject({ challenge: 'outbound', lab: lab.id, passed: true });
    } finally {
      await lab.destroy();
    }
    const gone = await nslab(['check', 'outbound', '--lab', 'deadbeef']);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/no running lab with id "deadbeef"/);
  });
});
