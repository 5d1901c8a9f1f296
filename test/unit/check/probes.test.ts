// Probe outputs recorded in a real lab → outcomes; outcomes → verdicts.
import { describe, expect, it } from 'vitest';
import { httpScript, parseHttp, parsePing, parseSourceSeen, parseTcp, pingScript, sourceSeenScript, tcpScript } from '../../../src/check/live-probes.js';
import { evaluateProbe, probeNeeds, type ProbeCheck } from '../../../src/check/probe-checks.js';
import type { ProbeRunner } from '../../../src/check/probes.js';
import { PROBE_TOKEN as T, probeFixture } from '../../support/inspect-fixtures.js';

describe('probe outputs', () => {
  it('ping', () => {
    expect(parsePing(probeFixture('ping-reply'))).toEqual({ reply: true });
    expect(parsePing(probeFixture('ping-no-reply'))).toEqual({ reply: false });
    expect(parsePing(probeFixture('ping-unreachable'))).toEqual({ reply: false, message: 'Network is unreachable' });
    expect(parsePing(probeFixture('ping-no-place'))).toEqual({ reply: false, error: 'ghost does not exist (no such network namespace)' });
  });

  it('tcp', () => {
    expect(parseTcp(probeFixture('tcp-served'), T)).toEqual({ connected: true, seen: '172.16.0.100' });
    expect(parseTcp(probeFixture('tcp-refused'), T)).toEqual({ connected: false, message: 'Connection refused' });
    expect(parseTcp(probeFixture('tcp-timeout'), T)).toEqual({ connected: false, message: 'no answer within 1.5 s' });
    expect(parseTcp(probeFixture('tcp-timeout'), T, 0.5)).toEqual({ connected: false, message: 'no answer within 0.5 s' });
    expect(parseTcp(probeFixture('tcp-server-failed'), T)).toEqual({ connected: false, message: 'Connection refused', serverNote: 'Cannot assign requested address' });
    // reached a test server of another probe running at the same time: as if nothing listened
    expect(parseTcp(probeFixture('tcp-foreign'), T)).toMatchObject({ connected: false, message: expect.stringMatching(/another check/) });
    // a server that is not ours (the learner's own) counts as connected
    expect(parseTcp('NSLAB-CONNECTED\nNSLAB-GREETING \nNSLAB-RC 0\n', T)).toEqual({ connected: true });
  });

  it('http', () => {
    expect(parseHttp(probeFixture('http-served'), T)).toEqual({
      answered: true,
      status: 200,
      body: 'nslab test server abcdef012345: you are 172.16.0.100\n',
      seen: '172.16.0.100',
    });
    expect(parseHttp(probeFixture('http-refused'), T)).toEqual({ answered: false, message: "Failed to connect to 172.17.0.3 port 80: Couldn't connect to server" });
    expect(parseHttp(probeFixture('http-timeout'), T)).toEqual({ answered: false, message: 'Failed to connect to 172.17.0.3 port 81: Timeout was reached' });
    expect(parseHttp(probeFixture('http-served'), 'ffffffffffff')).toMatchObject({ answered: false });
  });

  it('source-seen', () => {
    expect(parseSourceSeen(probeFixture('source-seen-nat'))).toEqual({ reply: true, seen: ['172.16.0.2'] });
    expect(parseSourceSeen(probeFixture('source-seen-private'))).toEqual({ reply: false, seen: ['172.17.0.3'] });
    expect(parseSourceSeen(probeFixture('source-seen-none'))).toEqual({ reply: false, seen: [], message: 'Network is unreachable' });
    expect(parseSourceSeen('NSLAB-NOSET\nNSLAB-RC 0\nNSLAB-SEEN\nError: No such file or directory\n').error).toMatch(/record of source addresses is missing/);
  });

  it('scripts enter the places they need and quote what they are given', () => {
    expect(pingScript('host', '8.8.8.8')).not.toContain('nsenter');
    expect(pingScript('netns0', '8.8.8.8')).toContain("nsenter --net='/run/netns/netns0' -- ping -n -c 1 -W 1 -- '8.8.8.8'");
    expect(pingScript('@client', "1'2")).toContain(`'1'\\''2'`);
    expect(tcpScript('c1', '172.17.0.3', 80, { at: 'c2', port: 80 }, T)).toContain("nsenter --net='/run/netns/c2' -- python3 -I -S");
    expect(httpScript('@client', 'http://x/', undefined, T)).toContain("nsenter --net='/run/nslab/ns/client' -- curl");
    expect(sourceSeenScript('c1', '8.8.8.8')).toContain('nft flush set inet nslab seen');
    expect(() => pingScript('no such place!', '1.1.1.1')).toThrow();
  });
});

/** A fake lab for probes: answers from a table. */
function fakeProbes(over: Partial<ProbeRunner> = {}): ProbeRunner {
  return {
    ping: async () => ({ reply: true }),
    tcp: async () => ({ connected: true }),
    http: async () => ({ answered: true, status: 200, body: 'hello' }),
    sourceSeen: async () => ({ reply: true, seen: ['172.16.0.2'] }),
    ...over,
  };
}

async function verdict(check: ProbeCheck, over: Partial<ProbeRunner> = {}) {
  return evaluateProbe(check, fakeProbes(over));
}

describe('probe verdicts', () => {
  it('ping, and its negative form', async () => {
    expect(await verdict({ kind: 'ping', from: 'netns0', to: '172.18.0.20', expect: 'ok' })).toEqual({ passed: true, detail: '' });
    expect(await verdict({ kind: 'ping', from: 'netns0', to: '8.8.8.8', expect: 'ok' }, { ping: async () => ({ reply: false, message: 'Network is unreachable' }) })).toEqual({
      passed: false,
      detail: 'netns0 got no reply from 8.8.8.8: Network is unreachable',
    });
    expect((await verdict({ kind: 'ping', from: 'host', to: '172.18.0.10', expect: 'ok' }, { ping: async () => ({ reply: false }) })).detail).toBe(
      'the host got no reply from 172.18.0.10 within 1 s',
    );
    expect((await verdict({ kind: 'ping', from: 'c1', to: '172.18.0.2', expect: 'fail' })).detail).toBe('c1 got a reply from 172.18.0.2; expected no reply');
    expect((await verdict({ kind: 'ping', from: 'c1', to: '172.18.0.2', expect: 'fail' }, { ping: async () => ({ reply: false }) })).passed).toBe(true);
    expect((await verdict({ kind: 'ping', from: 'ghost', to: '1.1.1.1', expect: 'fail' }, { ping: async () => ({ reply: false, error: 'ghost does not exist' }) })).detail).toBe(
      'ghost does not exist',
    );
  });

  it('tcp, with the test server and its negative form', async () => {
    const c: ProbeCheck = { kind: 'tcp', from: '@client', to: '172.16.0.2:5005', expect: 'ok', listen: { at: 'c1', port: 80 } };
    let asked: unknown[] = [];
    const tcp: ProbeRunner['tcp'] = async (...args) => {
      asked = args;
      return { connected: true, seen: '172.16.0.100' };
    };
    expect(await verdict(c, { tcp })).toEqual({ passed: true, detail: '' });
    expect(asked).toEqual(['@client', '172.16.0.2', 5005, { listen: { at: 'c1', port: 80 }, waitS: 1.5 }]);
    await verdict({ ...c, expect: 'fail' }, { tcp });
    expect(asked[3]).toEqual({ listen: { at: 'c1', port: 80 }, waitS: 0.5 }); // expected to fail: a short wait
    expect((await verdict(c, { tcp: async () => ({ connected: false, message: 'no answer within 1.5 s' }) })).detail).toBe(
      '@client could not connect to 172.16.0.2:5005: no answer within 1.5 s',
    );
    expect((await verdict({ ...c, to: '172.17.0.3:80', expect: 'fail' }, { tcp })).detail).toBe(
      '@client connected to 172.17.0.3:80 (the test server saw it come from 172.16.0.100); expected no connection',
    );
    expect((await verdict(c, { tcp: async () => ({ connected: false, message: 'Connection refused', serverNote: 'Address already in use' }) })).detail).toBe(
      '@client could not connect to 172.16.0.2:5005: Connection refused (the test server could not start at c1:80: Address already in use)',
    );
    expect((await verdict({ ...c, to: 'nonsense' })).detail).toBe('"nonsense" is not ADDRESS:PORT');
  });

  it('http, contains, negative form', async () => {
    const c: ProbeCheck = { kind: 'http', from: 'host', url: 'http://172.16.0.2:8080/', expect: 'ok', contains: 'Directory listing' };
    expect((await verdict(c, { http: async () => ({ answered: true, status: 200, body: '<h1>Directory listing for /</h1>' }) })).passed).toBe(true);
    expect((await verdict(c)).detail).toBe('the answer from http://172.16.0.2:8080/ does not contain "Directory listing"; it was: hello');
    expect((await verdict(c, { http: async () => ({ answered: false, message: 'Connection refused' }) })).detail).toBe(
      'the host got no HTTP answer from http://172.16.0.2:8080/: Connection refused',
    );
    expect((await verdict({ ...c, expect: 'fail' })).detail).toBe('the host got an answer from http://172.16.0.2:8080/ (HTTP 200); expected none');
    expect((await verdict({ ...c, expect: 'fail' }, { http: async () => ({ answered: false }) })).passed).toBe(true);
  });

  it('source-seen tells NAT from no NAT', async () => {
    const c: ProbeCheck = { kind: 'source-seen', from: 'netns0', to: '8.8.8.8', source: '172.16.0.2' };
    expect((await verdict(c)).passed).toBe(true);
    expect((await verdict(c, { sourceSeen: async () => ({ reply: false, seen: ['172.18.0.10'] }) })).detail).toBe('8.8.8.8 saw 172.18.0.10, expected 172.16.0.2');
    expect((await verdict(c, { sourceSeen: async () => ({ reply: false, seen: [] }) })).detail).toBe('nothing reached 8.8.8.8');
    expect((await verdict(c, { sourceSeen: async () => ({ reply: false, seen: [], message: 'Network is unreachable' }) })).detail).toBe(
      'nothing reached 8.8.8.8 (netns0: Network is unreachable)',
    );
    expect((await verdict(c, { sourceSeen: async () => ({ reply: false, seen: ['172.16.0.2'] }) })).detail).toBe(
      '8.8.8.8 saw 172.16.0.2, but its reply did not come back to netns0',
    );
  });

  it('knows which probes may reach the internet and which share a test server', () => {
    expect(probeNeeds({ kind: 'source-seen', from: 'c1', to: '8.8.8.8', source: '172.16.0.2' })).toEqual({ internet: 'exclusive' });
    expect(probeNeeds({ kind: 'ping', from: 'c1', to: '8.8.8.8', expect: 'ok' })).toEqual({ internet: 'shared' });
    expect(probeNeeds({ kind: 'ping', from: 'c1', to: '172.17.0.3', expect: 'ok' })).toEqual({ internet: 'none' });
    expect(probeNeeds({ kind: 'http', from: 'c1', url: 'http://example.com/', expect: 'ok' })).toEqual({ internet: 'shared' });
    expect(probeNeeds({ kind: 'tcp', from: 'host', to: '172.16.0.2:5005', expect: 'ok', listen: { at: 'c1', port: 80 } })).toEqual({ internet: 'none', server: 'c1:80' });
  });
});
