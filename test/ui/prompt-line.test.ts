import { describe, expect, it } from 'vitest';
import { closest } from '../../src/ui/catalog.js';
import { cleanOutput, highlightShell, tailLines } from '../../src/ui/highlight.js';
import { emptyHistory, historyDown, historyPush, historyUp, nextPlace, parseNetnsList, parsePromptLine } from '../../src/ui/prompt-line.js';

describe('prompt line', () => {
  it('tells commands from prompt commands', () => {
    expect(parsePromptLine('  ip link  ')).toEqual({ kind: 'run', command: 'ip link' });
    expect(parsePromptLine('')).toEqual({ kind: 'none' });
    expect(parsePromptLine(':at netns0')).toEqual({ kind: 'at', place: { kind: 'netns', name: 'netns0' } });
    expect(parsePromptLine(':at @client')).toEqual({ kind: 'at', place: { kind: 'machine', name: 'client' } });
    expect(parsePromptLine(':at host')).toEqual({ kind: 'at', place: { kind: 'host' } });
    expect(parsePromptLine(':at @moon')).toMatchObject({ kind: 'error', message: expect.stringContaining('unknown machine') });
    expect(parsePromptLine(':at')).toMatchObject({ kind: 'error', message: expect.stringContaining('usage: :at PLACE') });
    expect(parsePromptLine(':q')).toEqual({ kind: 'leave' });
    expect(parsePromptLine(':shell')).toEqual({ kind: 'shell' });
    expect(parsePromptLine(':frob')).toMatchObject({ kind: 'error', message: expect.stringContaining('unknown prompt command ":frob"') });
  });

  it('cycles places host → namespaces → host', () => {
    const ns = parseNetnsList('netns1 (id: 1)\nnetns0 (id: 0)\n');
    expect(ns).toEqual(['netns0', 'netns1']);
    let p = nextPlace({ kind: 'host' }, ns);
    expect(p).toEqual({ kind: 'netns', name: 'netns0' });
    p = nextPlace(p, ns);
    expect(p).toEqual({ kind: 'netns', name: 'netns1' });
    expect(nextPlace(p, ns)).toEqual({ kind: 'host' });
    // A place that no longer exists starts the ring over.
    expect(nextPlace({ kind: 'machine', name: 'client' }, ns)).toEqual({ kind: 'host' });
  });

  it('walks history up and down, keeping the draft', () => {
    let h = historyPush(historyPush(historyPush(emptyHistory(), 'a'), 'b'), 'b');
    expect(h.entries).toEqual(['a', 'b']);
    let r = historyUp(h, 'dra');
    expect(r.text).toBe('b');
    r = historyUp(r.history, r.text);
    expect(r.text).toBe('a');
    r = historyUp(r.history, r.text);
    expect(r.text).toBe('a');
    r = historyDown(r.history, r.text);
    expect(r.text).toBe('b');
    r = historyDown(r.history, r.text);
    expect(r.text).toBe('dra');
    h = r.history;
    expect(historyDown(h, 'dra').text).toBe('dra');
  });
});

describe('highlighting and output', () => {
  it('marks the command word, options, strings, addresses, comments', () => {
    const kinds = highlightShell('ip -n netns0 addr add 172.18.0.10/16 dev "ceth0" | grep x # done').filter((t) => t.kind !== 'plain').map((t) => [t.kind, t.text]);
    expect(kinds).toEqual([
      ['command', 'ip'],
      ['option', '-n'],
      ['address', '172.18.0.10/16'],
      ['string', '"ceth0"'],
      ['operator', '|'],
      ['command', 'grep'],
      ['comment', '# done'],
    ]);
    expect(highlightShell('').length).toBe(0);
  });

  it('cleans escapes and carriage-return redraws out of command output', () => {
    expect(cleanOutput('\x1b[31mred\x1b[0m\tx\r\n10%\r50%\r100%\nend\x07')).toBe('red    x\n100%\nend');
    expect(tailLines('a\nb\nc\n', 2)).toEqual(['b', 'c']);
  });

  it('suggests the closest id', () => {
    expect(closest('vethh', ['netns', 'veth', 'bridge'])).toBe('veth');
    expect(closest('brid', ['netns', 'veth', 'bridge'])).toBe('bridge');
    expect(closest('zzzzzzzz', ['netns', 'veth'])).toBeUndefined();
  });
});
