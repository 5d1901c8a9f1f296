// Declarative checks (written in challenge files) and their results.
// A check judges outcomes (reachability, what the far side saw) or the
// structure a task explicitly demands; see docs/CONTENT.md for the YAML form.

export type Expect = 'ok' | 'fail';

export type CheckKind =
  | { kind: 'netns'; name: string; exists?: boolean }
  | {
      kind: 'link';
      at: string;
      name: string;
      exists?: boolean;
      type?: string; // veth, bridge, ...
      up?: boolean;
      master?: string | null; // null: must have no master
      peer?: { name: string; at: string };
    }
  | { kind: 'address'; at: string; dev?: string; cidr: string; exists?: boolean }
  | { kind: 'no-address'; at: string; dev: string } // dev carries no IPv4 address
  | { kind: 'route'; at: string; dst: string; via?: string; dev?: string; exists?: boolean }
  | { kind: 'neighbour'; at: string; address: string; dev?: string; exists?: boolean }
  | { kind: 'sysctl'; at: string; key: string; value: string }
  | { kind: 'iptables-policy'; at: string; table?: string; chain: string; policy: string }
  | { kind: 'iptables-rule'; at: string; table?: string; chain: string; rule: string; exists?: boolean }
  | { kind: 'ping'; from: string; to: string; expect: Expect }
  | {
      kind: 'tcp';
      from: string;
      to: string; // "addr:port"
      expect: Expect;
      /** Start a short-lived test server here for the probe. */
      listen?: { at: string; port: number; address?: string };
    }
  | {
      kind: 'http';
      from: string;
      url: string;
      expect: Expect;
      contains?: string;
      listen?: { at: string; port: number; address?: string };
    }
  | {
      kind: 'source-seen';
      from: string;
      /** The hidden internet address to reach (ping). */
      to: string;
      /** The source address the far side must have seen. */
      source: string;
    };

export type CheckSpec = CheckKind & {
  id: string;
  /** What the learner is told is being checked. */
  title: string;
};

export interface CheckResult {
  id: string;
  title: string;
  passed: boolean;
  /** Expected vs found, in words a learner understands. Empty when passed. */
  detail: string;
  durationMs?: number;
}
