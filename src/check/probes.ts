// Live probes: what a check asks the lab to do (ping, connect, fetch, and ask
// the simulated internet who it saw). The ProbeRunner interface lets tests
// fake them; LabProbes (live-probes.ts) runs them in a real lab.

/** A short-lived test server for the duration of one probe. */
export interface Listen {
  at: string;
  port: number;
  address?: string;
}

/** Common to every outcome: `error` means the probe could not run at all (missing place, dead lab). */
interface Outcome {
  error?: string;
  /** What the tool said, in its words ("Network is unreachable", "Connection refused"). */
  message?: string;
  /** With `listen`: the test server could not start, so whatever else listens there answered. */
  serverNote?: string;
}

export interface PingOutcome extends Outcome {
  reply: boolean;
}

export interface TcpOutcome extends Outcome {
  connected: boolean;
  /** The peer address our test server saw (when the connection reached it). */
  seen?: string;
}

export interface HttpOutcome extends Outcome {
  answered: boolean;
  status?: number;
  body?: string;
  seen?: string;
}

export interface SourceSeenOutcome extends Outcome {
  reply: boolean;
  /** Source addresses the internet recorded during the probe. */
  seen: string[];
}

export interface ConnectOptions {
  /** Start a test server here for the probe. */
  listen?: Listen;
  /** Seconds to wait for the connection. */
  waitS?: number;
}

export interface ProbeRunner {
  ping(from: string, to: string): Promise<PingOutcome>;
  tcp(from: string, host: string, port: number, options?: ConnectOptions): Promise<TcpOutcome>;
  http(from: string, url: string, options?: ConnectOptions): Promise<HttpOutcome>;
  sourceSeen(from: string, to: string): Promise<SourceSeenOutcome>;
}

/** How long a ping waits for its reply (ping -W). */
export const PING_WAIT_S = 1;

/**
 * How long a connection may take. Asymmetric on purpose: where it should
 * succeed, waiting longer costs nothing unless it fails; where it should
 * fail, the wait is the whole cost of a passing check, and inside a lab a
 * connection that works is made in milliseconds.
 */
export const CONNECT_WAIT_S = { ok: 1.5, fail: 0.5 } as const;
