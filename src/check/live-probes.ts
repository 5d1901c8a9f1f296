// Probes in a real lab. Each probe is one `lab.run` at the lab's host: a bash
// script that enters the places it needs with nsenter, so a missing namespace
// is reported as such rather than as a failed ping. The output is parsed by
// pure functions (exported for tests).
import { randomBytes } from 'node:crypto';
import type { Lab } from '../lab/lab.js';
import { netnsPath, parsePlace, placeLabel } from '../lab/place.js';
import { isRecord, parseJsonOutput } from '../inspect/json.js';
import type { ConnectOptions, HttpOutcome, Listen, PingOutcome, ProbeRunner, SourceSeenOutcome, TcpOutcome } from './probes.js';
import { CONNECT_WAIT_S, PING_WAIT_S } from './probes.js';
import { readGreeting, TEST_SERVER_PY } from './test-server.js';

const INTERNET = '/run/nslab/ns/internet';

function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

interface Where {
  label: string;
  /** Command prefix that enters the place ('' for the host). */
  enter: string;
  /** Script line that stops with NSLAB-NOPLACE when the place does not exist. */
  guard: string;
}

function where(text: string): Where {
  const place = parsePlace(text);
  const label = placeLabel(place);
  const path = netnsPath(place);
  if (!path) return { label, enter: '', guard: '' };
  return {
    label,
    enter: `nsenter --net=${shq(path)} -- `,
    guard: `[ -e ${shq(path)} ] || { echo ${shq('NSLAB-NOPLACE ' + label)}; exit 0; }`,
  };
}

function missingPlace(label: string): string {
  return label.startsWith('@') ? `the hidden machine ${label} is not available` : `${label} does not exist (no such network namespace)`;
}

/** The value after "NAME " on the last line that starts with it. */
function lineValue(output: string, name: string): string | undefined {
  const lines = output.split('\n').filter((l) => l.startsWith(name + ' ') || l === name);
  const last = lines[lines.length - 1];
  return last === undefined ? undefined : last.slice(name.length + 1);
}

function exitCode(output: string): number | undefined {
  const v = lineValue(output, 'NSLAB-RC');
  return v === undefined ? undefined : Number(v);
}

function noPlace(output: string): string | undefined {
  const v = lineValue(output, 'NSLAB-NOPLACE');
  return v === undefined ? undefined : missingPlace(v);
}

/** A tool's complaint, tidied: "ping: connect: Network is unreachable" → "Network is unreachable". */
function complaint(output: string): string | undefined {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('NSLAB-'));
  const pick =
    lines.find((l) => /unreachable|refused|no route|timed out|timeout|not known|failure|cannot|permission|denied|resolve/i.test(l)) ??
    lines.find((l) => /^(ping|curl|bash|nsenter|timeout|nslab-probe):/.test(l));
  if (!pick) return undefined;
  return pick
    .replace(/^curl: \(\d+\)\s*/, '')
    .replace(/ after \d+ ms:/, ':')
    .replace(/^(ping|bash|nsenter|nslab-probe)(: line \d+)?:\s*(connect:\s*)?/, '')
    .replace(/^\/dev\/tcp\/\S+:\s*/, '');
}

// --- scripts (pure) ---------------------------------------------------------

export function pingScript(from: string, to: string): string {
  const w = where(from);
  return [w.guard, `${w.enter}ping -n -c 1 -W ${PING_WAIT_S} -- ${shq(to)} 2>&1`, 'echo "NSLAB-RC $?"'].join('\n');
}

/** Wrap a client script with a test server at `listen` (started first, always stopped after). */
function withServer(client: string, listen: Listen | undefined, token: string): string {
  if (!listen) return client;
  const w = where(listen.at);
  return [
    w.guard,
    `PY=${shq(TEST_SERVER_PY)}`,
    `coproc SRV { exec ${w.enter}python3 -I -S -c "$PY" ${shq(listen.address ?? '0.0.0.0')} ${listen.port} ${token} 2>&1; }`,
    'spid=$SRV_PID',
    'IFS= read -r -t 5 line <&"${SRV[0]}" || line="error it did not start in time"',
    '[ "$line" = ready ] || { echo "NSLAB-SERVER $line"; kill "$spid" 2>/dev/null; }',
    client,
    'kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null',
    'exit 0',
  ].join('\n');
}

export function tcpScript(from: string, host: string, port: number, listen: Listen | undefined, token: string, waitS: number = CONNECT_WAIT_S.ok): string {
  const w = where(from);
  const connect =
    'exec 3<>"/dev/tcp/$1/$2" || exit 7; echo NSLAB-CONNECTED; printf "nslab-probe\\n" >&3; IFS= read -r -t 0.5 g <&3; printf "NSLAB-GREETING %s\\n" "$g"';
  const client = [w.guard, `${w.enter}timeout ${waitS} bash -c ${shq(connect)} nslab-probe ${shq(host)} ${port} 2>&1`, 'echo "NSLAB-RC $?"'].join('\n');
  return withServer(client, listen, token);
}

export function httpScript(from: string, url: string, listen: Listen | undefined, token: string, waitS: number = CONNECT_WAIT_S.ok): string {
  const w = where(from);
  const curl = `curl -sS --noproxy '*' --connect-timeout ${waitS} --max-time ${waitS * 2} --max-filesize 1000000 -A nslab-probe -w '\\nNSLAB-HTTP %{http_code}\\n' -- ${shq(url)} 2>&1`;
  const client = [w.guard, `${w.enter}${curl}`, 'echo "NSLAB-RC $?"'].join('\n');
  return withServer(client, listen, token);
}

export function sourceSeenScript(from: string, to: string): string {
  const w = where(from);
  return [
    w.guard,
    `nsenter --net=${INTERNET} -- nft flush set inet nslab seen 2>&1 || echo NSLAB-NOSET`,
    `${w.enter}ping -n -c 1 -W ${PING_WAIT_S} -- ${shq(to)} 2>&1`,
    'echo "NSLAB-RC $?"',
    'echo NSLAB-SEEN',
    `nsenter --net=${INTERNET} -- nft -j list set inet nslab seen 2>&1`,
  ].join('\n');
}

// --- outputs (pure) -----------------------------------------------------------

export function parsePing(output: string): PingOutcome {
  const missing = noPlace(output);
  if (missing) return { reply: false, error: missing };
  const rc = exitCode(output);
  if (rc === 0) return { reply: true };
  const message = complaint(output) ?? (/Destination \w+ Unreachable/i.exec(output)?.[0] ?? undefined);
  return { reply: false, ...(message ? { message } : {}) };
}

function serverParts(output: string, token: string): { error?: string; serverNote?: string; foreign: (text: string) => boolean } {
  const missing = noPlace(output);
  if (missing) return { error: missing, foreign: () => false };
  const server = lineValue(output, 'NSLAB-SERVER');
  const serverNote = server === undefined ? undefined : server.replace(/^error\s*/, '');
  const foreign = (text: string): boolean => {
    const g = readGreeting(text);
    return g !== undefined && g.token !== token;
  };
  return { ...(serverNote ? { serverNote } : {}), foreign };
}

export function parseTcp(output: string, token: string, waitS: number = CONNECT_WAIT_S.ok): TcpOutcome {
  const { error, serverNote, foreign } = serverParts(output, token);
  if (error) return { connected: false, error };
  const note = serverNote ? { serverNote } : {};
  if (!output.split('\n').includes('NSLAB-CONNECTED')) {
    const rc = exitCode(output);
    const message = rc === 124 ? `no answer within ${waitS} s` : complaint(output);
    return { connected: false, ...note, ...(message ? { message } : {}) };
  }
  const greeting = lineValue(output, 'NSLAB-GREETING') ?? '';
  if (foreign(greeting)) return { connected: false, ...note, message: 'nothing of its own listens there (it reached another check’s test server)' };
  const g = readGreeting(greeting);
  return { connected: true, ...note, ...(g ? { seen: g.seen } : {}) };
}

export function parseHttp(output: string, token: string): HttpOutcome {
  const { error, serverNote, foreign } = serverParts(output, token);
  if (error) return { answered: false, error };
  const note = serverNote ? { serverNote } : {};
  const at = output.lastIndexOf('\nNSLAB-HTTP ');
  const code = Number(lineValue(output, 'NSLAB-HTTP') ?? '0');
  const rc = exitCode(output);
  const serverLine = output.indexOf('NSLAB-SERVER');
  const bodyStart = serverLine >= 0 ? output.indexOf('\n', serverLine) + 1 : 0;
  const body = at >= 0 ? output.slice(bodyStart, at) : '';
  if (rc !== 0 || !code) {
    const message = complaint(output);
    return { answered: false, ...note, ...(message ? { message } : {}) };
  }
  if (foreign(body)) return { answered: false, ...note, message: 'nothing of its own listens there (it reached another check’s test server)' };
  const g = readGreeting(body);
  return { answered: true, status: code, body, ...note, ...(g ? { seen: g.seen } : {}) };
}

export function parseSourceSeen(output: string): SourceSeenOutcome {
  const missing = noPlace(output);
  if (missing) return { reply: false, seen: [], error: missing };
  if (output.split('\n').includes('NSLAB-NOSET')) return { reply: false, seen: [], error: "the internet's record of source addresses is missing" };
  const rc = exitCode(output);
  const split = output.indexOf('NSLAB-SEEN\n');
  const json = split >= 0 ? parseJsonOutput(output.slice(split + 'NSLAB-SEEN\n'.length), 'nft') : undefined;
  const seen: string[] = [];
  if (json?.ok && isRecord(json.value) && Array.isArray(json.value.nftables)) {
    for (const item of json.value.nftables) {
      if (!isRecord(item) || !isRecord(item.set) || !Array.isArray(item.set.elem)) continue;
      for (const e of item.set.elem) {
        if (typeof e === 'string') seen.push(e);
        else if (isRecord(e) && isRecord(e.elem) && typeof e.elem.val === 'string') seen.push(e.elem.val);
      }
    }
  } else return { reply: rc === 0, seen, error: "could not read the internet's record of source addresses" };
  const message = rc === 0 ? undefined : complaint(output.slice(0, Math.max(0, split)));
  return { reply: rc === 0, seen, ...(message ? { message } : {}) };
}

// --- the runner -----------------------------------------------------------------

export class LabProbes implements ProbeRunner {
  constructor(private readonly lab: Lab) {}

  private async run(script: string): Promise<{ output: string } | { error: string }> {
    if (!this.lab.alive) return { error: 'the lab is not running' };
    try {
      const r = await this.lab.run(script, { timeoutMs: 10_000, maxOutputBytes: 2 * 1024 * 1024 });
      if (r.timedOut) return { error: 'the probe did not finish in time' };
      return { output: r.stdout };
    } catch (err) {
      return { error: this.lab.alive ? `the probe could not run: ${(err as Error).message}` : 'the lab is not running' };
    }
  }

  private async probe<T>(make: () => string, parse: (output: string) => T, failed: (error: string) => T): Promise<T> {
    let script: string;
    try {
      script = make();
    } catch (err) {
      return failed((err as Error).message);
    }
    const r = await this.run(script);
    return 'error' in r ? failed(r.error) : parse(r.output);
  }

  ping(from: string, to: string): Promise<PingOutcome> {
    return this.probe(() => pingScript(from, to), parsePing, (error) => ({ reply: false, error }));
  }

  tcp(from: string, host: string, port: number, options: ConnectOptions = {}): Promise<TcpOutcome> {
    const token = randomBytes(6).toString('hex');
    const wait = options.waitS ?? CONNECT_WAIT_S.ok;
    return this.probe(
      () => tcpScript(from, host, port, options.listen, token, wait),
      (o) => parseTcp(o, token, wait),
      (error) => ({ connected: false, error }),
    );
  }

  http(from: string, url: string, options: ConnectOptions = {}): Promise<HttpOutcome> {
    const token = randomBytes(6).toString('hex');
    const wait = options.waitS ?? CONNECT_WAIT_S.ok;
    return this.probe(
      () => httpScript(from, url, options.listen, token, wait),
      (o) => parseHttp(o, token),
      (error) => ({ answered: false, error }),
    );
  }

  sourceSeen(from: string, to: string): Promise<SourceSeenOutcome> {
    return this.probe(() => sourceSeenScript(from, to), parseSourceSeen, (error) => ({ reply: false, seen: [], error }));
  }
}
