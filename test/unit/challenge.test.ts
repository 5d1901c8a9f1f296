// Challenge files: the seven of DESIGN.md §3 load cleanly and keep their
// contract; broken files are rejected with the line that is wrong.
import { describe, expect, it } from 'vitest';
import { CHALLENGE_ORDER, loadChallenges, parseChallenge } from '../../src/content/challenge.js';
import { PACKAGE_ROOT } from '../../src/lab/paths.js';

const { challenges, errors } = await loadChallenges(`${PACKAGE_ROOT}/challenges`, { statesDir: `${PACKAGE_ROOT}/states` });
const byId = new Map(challenges.map((c) => [c.id, c]));

describe('the challenges in challenges/', () => {
  it('load without errors, the seven of DESIGN.md §3 first and in order, then the extra ones', () => {
    expect(errors).toEqual([]);
    expect(CHALLENGE_ORDER.slice(0, 7)).toEqual(['netns', 'veth', 'bridge', 'route-clash', 'outbound', 'publish', 'docker-bridge']);
    expect(challenges.map((c) => c.id).slice(0, CHALLENGE_ORDER.length)).toEqual(CHALLENGE_ORDER);
  });

  it('start from the states DESIGN.md §3 names', () => {
    const starts = Object.fromEntries(challenges.map((c) => [c.id, c.setup.state]));
    expect(starts).toMatchObject({
      netns: 'fresh',
      veth: 'fresh',
      bridge: 'fresh',
      'route-clash': 'route-clash',
      outbound: 'bridge',
      publish: 'outbound-web',
      'docker-bridge': 'fresh',
    });
    expect(byId.get('docker-bridge')!.setup.script).toContain('nsenter --net=/run/nslab/ns/client ip route add 172.17.0.0/16 via 172.16.0.2');
  });

  it.each(CHALLENGE_ORDER)('%s has a task, 3 hints, a solution and at least two wrong solutions', (id) => {
    const c = byId.get(id)!;
    expect(c.task.length).toBeGreaterThan(100);
    expect(c.hints).toHaveLength(3);
    expect(c.solution.trim()).not.toBe('');
    expect(c.wrong.length).toBeGreaterThanOrEqual(2);
    for (const w of c.wrong) expect(w.fails!.length).toBeGreaterThan(0);
    expect(c.difficulty).toBeGreaterThanOrEqual(1);
  });

  it('outbound and publish have an nft alternative solution', () => {
    for (const id of ['outbound', 'publish']) {
      const nft = (byId.get(id)!.alternatives ?? []).filter((a) => /^\s*nft /m.test(a.script));
      expect(nft.length, id).toBeGreaterThan(0);
      expect(nft[0]!.script).not.toMatch(/iptables/);
    }
  });

  it('name the contract addresses in their tasks and checks', () => {
    const text = (id: string) => byId.get(id)!.task + JSON.stringify(byId.get(id)!.checks);
    expect(text('veth')).toMatch(/172\.18\.0\.11\/16[\s\S]*172\.18\.0\.10\/16/);
    expect(text('bridge')).toContain('172.18.0.20/16');
    expect(text('publish')).toContain('172.16.0.2:8080');
    for (const s of ['docker0', '172.17.0.1/16', '172.17.0.2/16', '172.17.0.3/16', '5005', 'DROP']) expect(text('docker-bridge')).toContain(s);
  });
});

const good = `---
id: demo
title: Demo
difficulty: 1
checks:
  - id: up
    title: netns0 exists
    netns: { name: netns0 }
  - id: out
    title: netns0 pings 8.8.8.8
    ping: { from: netns0, to: 8.8.8.8 }
hints: [one]
solution: ip netns add netns0
wrong:
  - name: nothing
    fails: [up]
    script: "true"
---

Do the thing.
`;

/** The errors of `good` with one line replaced (1-based, as in the file). */
function errorsWith(line: number, replacement: string): { line: number; message: string }[] {
  const lines = good.split('\n');
  lines[line - 1] = replacement;
  return parseChallenge('challenges/demo.md', lines.join('\n')).errors.map(({ line, message }) => ({ line, message }));
}

describe('parseChallenge', () => {
  it('turns a good file into a Challenge with typed checks', () => {
    const { challenge, errors } = parseChallenge('challenges/demo.md', good);
    expect(errors).toEqual([]);
    expect(challenge).toMatchObject({
      id: 'demo',
      setup: { state: 'fresh' },
      task: 'Do the thing.',
      checks: [
        { id: 'up', kind: 'netns', name: 'netns0' },
        { id: 'out', kind: 'ping', from: 'netns0', to: '8.8.8.8', expect: 'ok' },
      ],
      wrong: [{ name: 'nothing', fails: ['up'], script: 'true' }],
      alternatives: [],
    });
  });

  it('points at an unknown check kind, and suggests the right one', () => {
    const errors = errorsWith(11, '    pingg: { from: netns0, to: 8.8.8.8 }');
    expect(errors[0]).toMatchObject({ line: 11 });
    expect(errors[0]!.message).toMatch(/unknown check kind "pingg" \(did you mean "ping"\?\)/);
  });

  it('points at a second kind in one check', () => {
    const lines = good.split('\n');
    lines.splice(8, 0, '    ping: { from: netns0, to: 1.1.1.1 }');
    const { errors } = parseChallenge('challenges/demo.md', lines.join('\n'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 9 });
    expect(errors[0]!.message).toMatch(/exactly one kind/);
  });

  it('points at bad field values inside a check', () => {
    expect(errorsWith(11, '    ping: { from: "@nowhere", to: 8.8.8.8 }')[0]).toMatchObject({ line: 11, message: expect.stringMatching(/checks\[1\]\.ping\.from: not a place/) });
    expect(errorsWith(11, '    ping: { from: netns0, to: 8.8.8.8, expect: maybe }')[0]).toMatchObject({ line: 11 });
    expect(errorsWith(11, '    ping: { from: netns0, to: 8.8.8.8, count: 3 }')[0]).toMatchObject({ line: 11, message: expect.stringMatching(/unknown field "count"/) });
    expect(errorsWith(11, '    ping: { from: netns0 }')[0]).toMatchObject({ line: 11, message: expect.stringMatching(/missing field "to"/) });
  });

  it('points at a check without a title', () => {
    expect(errorsWith(10, '    titel: x')).toEqual(
      expect.arrayContaining([expect.objectContaining({ line: 10, message: expect.stringMatching(/unknown check kind "titel"/) }), expect.objectContaining({ line: 9, message: expect.stringMatching(/title is missing/) })]),
    );
  });

  it('points at a wrong solution naming a check that does not exist', () => {
    expect(errorsWith(16, '    fails: [up, dwn]')).toEqual([{ line: 16, message: expect.stringMatching(/no check has id "dwn"/) }]);
  });

  it('points at top-level mistakes', () => {
    expect(errorsWith(4, 'difficulty: 5')).toEqual([{ line: 4, message: expect.stringMatching(/difficulty is 1 \(easy\), 2 \(medium\) or 3 \(hard\)/) }]);
    expect(errorsWith(4, 'dificulty: 1')).toEqual(expect.arrayContaining([expect.objectContaining({ line: 4, message: expect.stringMatching(/unknown field "dificulty"/) })]));
    expect(errorsWith(2, 'id: other')).toEqual([{ line: 2, message: expect.stringMatching(/must match the file name \(demo\.md\)/) }]);
  });

  it('reports YAML syntax errors at their line', () => {
    const errors = errorsWith(12, 'hints: [one');
    expect(errors[0]!.message).toMatch(/^YAML: /);
    expect(errors[0]!.line).toBeGreaterThanOrEqual(12);
    expect(errors[0]!.line).toBeLessThanOrEqual(13);
  });

  it('rejects a file without front matter or without a task', () => {
    expect(parseChallenge('challenges/demo.md', 'just text').errors[0]).toMatchObject({ line: 1, message: expect.stringMatching(/front matter/) });
    expect(parseChallenge('challenges/demo.md', good.replace('Do the thing.', '')).errors[0]).toMatchObject({ line: 19, message: expect.stringMatching(/task text/) });
  });

  it('says when a setup state does not exist', async () => {
    const { mkdtemp, writeFile, mkdir, rm } = await import('node:fs/promises');
    const dir = await mkdtemp('/tmp/nslab-challenge-test-');
    try {
      await mkdir(`${dir}/challenges`);
      await mkdir(`${dir}/states`);
      await writeFile(`${dir}/states/bridge.sh`, 'true\n');
      await writeFile(`${dir}/challenges/demo.md`, good.replace('difficulty: 1', 'difficulty: 1\nsetup:\n  state: brigde'));
      const loaded = await loadChallenges(`${dir}/challenges`, { statesDir: `${dir}/states` });
      expect(loaded.challenges).toEqual([]);
      expect(loaded.errors).toEqual([expect.objectContaining({ line: 6, message: expect.stringMatching(/setup state "brigde" does not exist.*did you mean "bridge"/) })]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('parseChallenge, ids', () => {
  it('rejects a check id used twice, at the second one', () => {
    const { errors } = parseChallenge('challenges/demo.md', good.replace('  - id: out', '  - id: up'));
    expect(errors).toEqual([expect.objectContaining({ line: 9, message: expect.stringMatching(/check id "up" is used twice/) })]);
  });
});
