// The grade reports on a recorded report: JSON keeps the DESIGN.md §2 shape,
// JUnit and TAP parse with the tools CI systems use, text reads well.
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { Parser } from 'tap-parser';
import { describe, expect, it } from 'vitest';
import type { GradeReport } from '../../src/grade/grade.js';
import { formatReport, jsonReport, junitReport, tapReport, textReport } from '../../src/grade/report/index.js';

const report: GradeReport = JSON.parse(readFileSync(new URL('../fixtures/grade/report.json', import.meta.url), 'utf8'));

describe('JSON report', () => {
  const json = JSON.parse(jsonReport(report));

  it('has exactly the contract fields, nested as in DESIGN.md §2', () => {
    expect(Object.keys(json)).toEqual(['challenge', 'passed', 'results']);
    expect(json.challenge).toBe('outbound');
    expect(json.passed).toBe(false);
    for (const r of json.results) {
      expect(Object.keys(r)).toEqual(['solution', 'passed', 'durationMs', 'exitCode', 'timedOut', 'checks']);
      for (const c of r.checks) expect(Object.keys(c)).toEqual(['id', 'title', 'passed', 'detail']);
    }
  });

  it('keeps the values and the order of solutions and checks', () => {
    expect(json.results.map((r: { solution: string }) => r.solution)).toEqual(report.results.map((r) => r.solution));
    expect(json.results[1]).toMatchObject({ passed: false, durationMs: 790, exitCode: 1, timedOut: false });
    expect(json.results[1].checks[1]).toEqual({
      id: 'netns0-masqueraded',
      title: "the internet sees netns0's pings coming from the host (172.16.0.2)",
      passed: false,
      detail: '8.8.8.8 saw 172.18.0.10, expected 172.16.0.2 <&"> # not a directive',
    });
    expect(json.results[2]).toMatchObject({ exitCode: null, timedOut: true });
  });
});

describe('JUnit report', () => {
  const xml = junitReport(report);
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) }).parse(xml);
  const suites = parsed.testsuites.testsuite as Record<string, any>[];

  it('is well-formed XML with one testsuite per solution and one testcase per check', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(suites.map((s) => s.name)).toEqual(report.results.map((r) => r.solution));
    expect(suites.map((s) => s.testcase.length)).toEqual(report.results.map((r) => r.checks.length));
  });

  it('counts tests, failures and errors', () => {
    expect(parsed.testsuites).toMatchObject({ tests: '8', failures: '4', errors: '1' });
    expect(suites.map((s) => [s.tests, s.failures, s.errors])).toEqual([
      ['2', '0', '0'],
      ['2', '1', '0'],
      ['3', '3', '0'],
      ['1', '0', '1'],
    ]);
  });

  it('puts the detail in the failure message, escaped', () => {
    const failing = suites[1]!.testcase[1];
    expect(failing.name).toBe("netns0-masqueraded: the internet sees netns0's pings coming from the host (172.16.0.2)");
    expect(failing.failure.message).toBe('8.8.8.8 saw 172.18.0.10, expected 172.16.0.2 <&"> # not a directive');
    expect(xml).toContain('&lt;&amp;');
    expect(suites[1]!.testcase[0].failure).toBeUndefined();
    expect(suites[3]!.testcase[0].error.message).toBe('the lab could not be built: no user namespaces');
  });

  it('drops characters XML cannot carry (a solution printed an escape code)', () => {
    expect(xml).not.toMatch(/\x1b/);
    expect(suites[1]!['system-out']).toContain('RTNETLINK answers: File exists');
  });
});

describe('TAP report', () => {
  const tap = tapReport(report);
  const parse = (text: string) =>
    new Promise<{ final: any; children: any[]; diags: any[] }>((resolve) => {
      const children: any[] = [];
      const diags: any[] = [];
      const parser = new Parser((final) => resolve({ final, children, diags }));
      parser.on('child', (child: Parser) => {
        const points: any[] = [];
        child.on('assert', (a: any) => {
          points.push(a);
          if (a.diag) diags.push(a.diag);
        });
        child.on('complete', (f: any) => children.push({ final: f, points }));
      });
      parser.end(text);
    });

  it('is TAP 14 with a plan and one subtest per solution', async () => {
    expect(tap.split('\n').slice(0, 2)).toEqual(['TAP version 14', '1..4']);
    const { final, children } = await parse(tap);
    expect(final.ok).toBe(false);
    expect(final.plan).toMatchObject({ start: 1, end: 4 });
    expect(final.pass).toBe(1);
    expect(final.fail).toBe(3);
    expect(final.failures.filter((f: any) => f.tapError)).toEqual([]);
    expect(children.map((c) => [c.final.pass, c.final.fail])).toEqual([
      [2, 0],
      [1, 1],
      [0, 3],
      [0, 1],
    ]);
  });

  it('has one point per check, and failed ones carry the detail as YAML', async () => {
    const { children, diags } = await parse(tap);
    expect(children[1].points.map((p: any) => p.name)).toEqual([
      "netns0-reaches-host: netns0 pings the host at 172.16.0.2",
      "netns0-masqueraded: the internet sees netns0's pings coming from the host (172.16.0.2)",
    ]);
    expect(diags.map((d) => d.detail)).toEqual([
      '8.8.8.8 saw 172.18.0.10, expected 172.16.0.2 <&"> # not a directive',
      'stopped after 3 s (the time limit)',
      'no reply from 172.16.0.2:\nNetwork is unreachable',
      'no reply from 8.8.8.8',
      'the lab could not be built: no user namespaces',
    ]);
    expect(diags[1]).toMatchObject({ timedOut: true, exitCode: null });
  });
});

describe('text report', () => {
  it('marks solutions and checks, shows details and a summary, no colors unless asked', () => {
    const text = textReport(report, { title: 'Let the containers out' });
    expect(text).not.toMatch(/\x1b\[/);
    expect(text).toContain('Challenge outbound — Let the containers out');
    expect(text).toMatch(/✓ solutions\/good\.sh\s+passed \(all 2 checks, 812 ms\)/);
    expect(text).toMatch(/✗ solutions\/loop\.sh\s+failed \(3 of 3 checks, 3120 ms, timed out\)/);
    expect(text).toContain('✗ the internet sees netns0\'s pings coming from the host (172.16.0.2) [netns0-masqueraded]');
    expect(text).toContain('        8.8.8.8 saw 172.18.0.10, expected 172.16.0.2');
    expect(text).toContain('RTNETLINK answers: File exists');
    expect(text.trimEnd().split('\n').pop()).toBe('1 of 4 solutions passed.');
  });

  it('colors on request (a terminal)', () => {
    expect(formatReport(report, 'text', { color: true })).toMatch(/\x1b\[32m✓/);
  });
});
