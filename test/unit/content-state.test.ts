import { describe, expect, it } from 'vitest';
import { crossCheck } from '../../src/content/crosscheck.js';
import { parseState, stateChain, stateScript } from '../../src/content/state.js';
import type { StartState } from '../../src/content/types.js';

function states(files: Record<string, string>): Map<string, StartState> {
  const out = new Map<string, StartState>();
  for (const [name, text] of Object.entries(files)) {
    const { state } = parseState(`states/${name}.sh`, text);
    if (state) out.set(name, state);
  }
  return out;
}

describe('start states that build on others', () => {
  const all = states({
    netns: '# one container\nip netns add netns0\n',
    veth: '# a cable\n# builds on: netns\nip link add veth0 type veth peer name ceth0\n',
    loop1: '# a\n# builds on: loop2\ntrue\n',
    loop2: '# b\n# builds on: loop1\ntrue\n',
    orphan: '# c\n# builds on: nowhere\ntrue\n',
  });

  it('reads the base from the header comments', () => {
    expect(all.get('veth')?.base).toBe('netns');
    expect(all.get('netns')?.base).toBeUndefined();
  });

  it('applies the base first, each part in its own subshell', () => {
    expect(stateChain(all, 'veth').map((s) => s.name)).toEqual(['netns', 'veth']);
    const script = stateScript(all, 'veth');
    expect(script.indexOf('ip netns add netns0')).toBeLessThan(script.indexOf('ip link add veth0'));
    expect(script.match(/set -e/g)).toHaveLength(2);
    expect(stateChain(all, 'fresh')).toEqual([]);
  });

  it('refuses circles and unknown bases, naming them', () => {
    expect(() => stateChain(all, 'loop1')).toThrow(/circle: loop1 → loop2 → loop1/);
    expect(() => stateChain(all, 'orphan')).toThrow(/unknown start state "nowhere" \(state "orphan" builds on it\)/);
  });

  it('validation reports them at the state file', () => {
    const errors = crossCheck({ lessons: [], challenges: [], states: all }, () => 1);
    expect(errors.map((e) => `${e.file}:${e.line}`)).toEqual(expect.arrayContaining(['states/loop1.sh:1', 'states/orphan.sh:1']));
    expect(errors.some((e) => e.file === 'states/veth.sh')).toBe(false);
  });
});
