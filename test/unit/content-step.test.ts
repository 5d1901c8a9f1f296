import { describe, expect, it } from 'vitest';
import { isStepInfo, looksLikeForgottenStep, parseStepAttributes, tokenizeInfo } from '../../src/content/step.js';

describe('step info strings', () => {
  it('recognises runnable steps only by "sh step"', () => {
    expect(isStepInfo('sh step')).toBe(true);
    expect(isStepInfo('sh step at=netns0')).toBe(true);
    expect(isStepInfo('sh')).toBe(false);
    expect(isStepInfo('text')).toBe(false);
    expect(isStepInfo('bash step')).toBe(false);
    expect(isStepInfo('sh stepper')).toBe(false);
  });

  it('flags attributes on a block that forgot "step"', () => {
    expect(looksLikeForgottenStep('sh at=netns0')).toBe(true);
    expect(looksLikeForgottenStep('sh background')).toBe(true);
    expect(looksLikeForgottenStep('sh')).toBe(false);
    expect(looksLikeForgottenStep('sh title="x"')).toBe(false);
  });

  it('gives the defaults when there are no attributes', () => {
    expect(parseStepAttributes('')).toEqual({
      attributes: { at: 'host', expect: 'ok', timeoutMs: 10_000, background: false },
      errors: [],
    });
  });

  it('parses every attribute', () => {
    const { attributes, errors } = parseStepAttributes(' at=netns0 expect=fail match="Network is unreachable" id=ping-host timeout=2.5');
    expect(errors).toEqual([]);
    expect(attributes).toMatchObject({ at: 'netns0', expect: 'fail', id: 'ping-host', timeoutMs: 2500, background: false, matchText: 'Network is unreachable' });
    expect(attributes!.match!.test('connect: Network is unreachable')).toBe(true);
    expect(attributes!.match!.test('Network is reachable')).toBe(false);
  });

  it('treats quoted text literally, and /re/ as a regex with flags', () => {
    const literal = parseStepAttributes('match="1.1.1.1 (x)"').attributes!.match!;
    expect(literal.test('1.1.1.1 (x)')).toBe(true);
    expect(literal.test('1a1b1c1 x')).toBe(false);
    const re = parseStepAttributes('match=/^lo\\s+up/im').attributes!;
    expect(re.match!.source).toBe('^lo\\s+up');
    expect(re.match!.flags).toBe('im');
    expect(re.match!.test('eth0\nLO   UP')).toBe(true);
    expect(re.matchText).toBeUndefined();
  });

  it('handles quotes, escaped quotes and slashes inside values', () => {
    expect(tokenizeInfo(`match="say \\"hi\\"" id=x`).tokens).toEqual([
      { key: 'match', value: 'say "hi"', form: 'quoted' },
      { key: 'id', value: 'x', form: 'bare' },
    ]);
    expect(tokenizeInfo(`match='it is'`).tokens[0]!.value).toBe('it is');
    expect(tokenizeInfo('match=/a\\/b c/').tokens[0]).toEqual({ key: 'match', value: 'a/b c', form: 'regex', flags: '' });
  });

  it('parses background and ready', () => {
    const { attributes } = parseStepAttributes('at=netns0 background ready=172.18.0.10:5000');
    expect(attributes).toMatchObject({ background: true, ready: { host: '172.18.0.10', port: 5000 } });
  });

  it.each([
    ['wait=3', 'unknown step attribute "wait"'],
    ['expect=maybe', 'expect=maybe: use expect=ok'],
    ['match=/([/', 'not a valid regular expression'],
    ['match=/x/g', 'unknown regex flag'],
    ['match=""', 'matches anything'],
    ['match="open', 'never closed'],
    ['match=/open', 'never closed'],
    ['timeout=0', 'timeout=0: give seconds'],
    ['timeout=soon', 'timeout=soon: give seconds'],
    ['timeout=9999', 'at most 600'],
    ['id=Bad_Id', 'id=Bad_Id'],
    ['id=3', 'cannot be just a number'],
    ['at=@moon', 'unknown machine "@moon"'],
    ['at=bad/name', 'not a valid namespace name'],
    ['ready=10.0.0.1:5000', '"ready" only makes sense with "background"'],
    ['background ready=nowhere', 'write ready=HOST:PORT'],
    ['background ready=1.2.3.4:99999', 'write ready=HOST:PORT'],
    ['background=yes', 'takes no value'],
    ['background expect=fail', 'cannot expect=fail'],
    ['id=a id=b', '"id" is given twice'],
    ['at', '"at" needs a value'],
    ['match="a"b', 'separate attributes with spaces'],
    ['=x', 'attributes are written key=value'],
  ])('refuses %s', (text, message) => {
    const { attributes, errors } = parseStepAttributes(text);
    expect(attributes).toBeUndefined();
    expect(errors.join('\n')).toContain(message);
  });
});
