// Probe checks: run live through a ProbeRunner, judged here.
import { isPrivateOrLocal, parseIpv4 } from '../inspect/ipv4.js';
import { parsePlace, placeLabel } from '../lab/place.js';
import type { Listen, ProbeRunner } from './probes.js';
import { CONNECT_WAIT_S, PING_WAIT_S } from './probes.js';
import type { ProbeNeeds } from './schedule.js';
import type { CheckKind } from './types.js';
import { fail, listWords, PASS, who, type Verdict } from './verdict.js';

export type ProbeCheck = Extract<CheckKind, { kind: 'ping' | 'tcp' | 'http' | 'source-seen' }>;

export function isProbeCheck(check: CheckKind): check is ProbeCheck {
  return check.kind === 'ping' || check.kind === 'tcp' || check.kind === 'http' || check.kind === 'source-seen';
}

function label(text: string): string {
  try {
    return placeLabel(parsePlace(text));
  } catch {
    return text;
  }
}

/** "172.16.0.2:8080" → host and port. */
export function splitHostPort(text: string): { host: string; port: number } | undefined {
  const i = text.lastIndexOf(':');
  if (i <= 0) return undefined;
  const port = Number(text.slice(i + 1));
  if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  return { host: text.slice(0, i).replace(/^\[(.*)\]$/, '$1'), port };
}

function urlHost(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

/** May this target's traffic reach the simulated internet (a name needs DNS at 8.8.8.8)? */
function reachesInternet(host: string | undefined): boolean {
  if (host === undefined) return true;
  const n = parseIpv4(host);
  return n === undefined || !isPrivateOrLocal(n);
}

export function probeNeeds(c: ProbeCheck): ProbeNeeds {
  const server = (l: Listen | undefined): { server?: string } => (l ? { server: `${label(l.at)}:${l.port}` } : {});
  switch (c.kind) {
    case 'source-seen':
      return { internet: 'exclusive' };
    case 'ping':
      return { internet: reachesInternet(c.to) ? 'shared' : 'none' };
    case 'tcp':
      return { internet: reachesInternet(splitHostPort(c.to)?.host) ? 'shared' : 'none', ...server(c.listen) };
    case 'http':
      return { internet: reachesInternet(urlHost(c.url)) ? 'shared' : 'none', ...server(c.listen) };
  }
}

function serverWords(listen: Listen | undefined, note: string | undefined): string {
  return listen && note ? ` (the test server could not start at ${label(listen.at)}:${listen.port}: ${note})` : '';
}

function clip(text: string, max = 120): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max) + '…' : t || '(empty)';
}

export async function evaluateProbe(c: ProbeCheck, probes: ProbeRunner): Promise<Verdict> {
  switch (c.kind) {
    case 'ping': {
      const o = await probes.ping(c.from, c.to);
      if (o.error) return fail(o.error);
      const from = who(label(c.from));
      if (c.expect === 'fail') return o.reply ? fail(`${from} got a reply from ${c.to}; expected no reply`) : PASS;
      return o.reply ? PASS : fail(`${from} got no reply from ${c.to}${o.message ? `: ${o.message}` : ` within ${PING_WAIT_S} s`}`);
    }
    case 'tcp': {
      const target = splitHostPort(c.to);
      if (!target) return fail(`"${c.to}" is not ADDRESS:PORT`);
      const o = await probes.tcp(c.from, target.host, target.port, { ...(c.listen ? { listen: c.listen } : {}), waitS: CONNECT_WAIT_S[c.expect ?? 'ok'] });
      if (o.error) return fail(o.error);
      const from = who(label(c.from));
      const note = serverWords(c.listen, o.serverNote);
      if (c.expect === 'fail') {
        return o.connected ? fail(`${from} connected to ${c.to}${o.seen ? ` (the test server saw it come from ${o.seen})` : ''}; expected no connection${note}`) : PASS;
      }
      return o.connected ? PASS : fail(`${from} could not connect to ${c.to}${o.message ? `: ${o.message}` : ''}${note}`);
    }
    case 'http': {
      const o = await probes.http(c.from, c.url, { ...(c.listen ? { listen: c.listen } : {}), waitS: CONNECT_WAIT_S[c.expect ?? 'ok'] });
      if (o.error) return fail(o.error);
      const from = who(label(c.from));
      const note = serverWords(c.listen, o.serverNote);
      if (c.expect === 'fail') return o.answered ? fail(`${from} got an answer from ${c.url} (HTTP ${o.status}); expected none${note}`) : PASS;
      if (!o.answered) return fail(`${from} got no HTTP answer from ${c.url}${o.message ? `: ${o.message}` : ''}${note}`);
      if (c.contains !== undefined && !(o.body ?? '').includes(c.contains)) {
        return fail(`the answer from ${c.url} does not contain "${c.contains}"; it was: ${clip(o.body ?? '')}`);
      }
      return PASS;
    }
    case 'source-seen': {
      const o = await probes.sourceSeen(c.from, c.to);
      if (o.error) return fail(o.error);
      const from = who(label(c.from));
      if (o.reply && o.seen.includes(c.source)) return PASS;
      if (o.seen.length === 0) return fail(`nothing reached ${c.to}${o.message ? ` (${from}: ${o.message})` : ''}`);
      if (!o.seen.includes(c.source)) return fail(`${c.to} saw ${listWords(o.seen)}, expected ${c.source}`);
      return fail(`${c.to} saw ${c.source}, but its reply did not come back to ${from}`);
    }
  }
}
