// npm run bench: nslab's speed and memory targets (DESIGN.md §6), each as a
// median next to a floor measured in the same run. Prints a table and writes
// bench-results/bench.json. Parts whose feature is missing are reported as such.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadContent } from '../content/index.js';
import { snapshotLab } from '../inspect/snapshot.js';
import { Lab } from '../lab/lab.js';
import { PACKAGE_ROOT } from '../lab/paths.js';
import { interleave, median, runCommand } from './measure.js';

interface Row {
  what: string;
  median: number | null;
  unit: 'ms' | 'MiB' | 's';
  floor?: number;
  ratio?: number;
  target: string;
  met: boolean | null;
  note?: string;
}

const RUNS = Number(process.env.NSLAB_BENCH_RUNS ?? 15);
const rows: Row[] = [];
const nslab = `${PACKAGE_ROOT}/bin/nslab.js`;
const floorScript = `${PACKAGE_ROOT}/scripts/bench/floor.sh`;

function row(r: Row): void {
  rows.push(r);
  const value = r.median === null ? 'n/a' : `${r.median.toFixed(r.unit === 'ms' ? 1 : 2)} ${r.unit}`;
  const floor = r.floor !== undefined ? ` (floor ${r.floor.toFixed(1)} ms, ${r.ratio!.toFixed(2)}×)` : '';
  const verdict = r.met === null ? '–' : r.met ? '✓' : '✗';
  console.log(`${verdict} ${r.what.padEnd(44)} ${value}${floor}  target ${r.target}${r.note ? `  [${r.note}]` : ''}`);
}

async function labReady(): Promise<void> {
  let destroyMs: number[] = [];
  const samples = await interleave(RUNS, {
    lab: async () => {
      const lab = await Lab.create();
      const t0 = performance.now();
      await lab.destroy();
      destroyMs.push(performance.now() - t0);
    },
    floor: () => runCommand('bash', [floorScript]),
  });
  destroyMs = destroyMs.slice(1);
  // the lab sample includes destroy; report ready alone
  const ready = samples.lab!.map((v, i) => v - (destroyMs[i] ?? 0));
  const m = median(ready);
  const f = median(samples.floor!);
  row({ what: 'lab ready (in process)', median: m, unit: 'ms', floor: f, ratio: m / f, target: '≤ 60 ms and ≤ 2× floor', met: m <= 60 && m / f <= 2 });
  row({ what: 'lab destroyed (in process)', median: median(destroyMs), unit: 'ms', target: 'informational', met: null });
}

async function shellTrue(): Promise<void> {
  // NODE_EXTRA_CA_CERTS (set on some machines, this one included) makes Node
  // parse a whole CA bundle before running anything; nslab makes no TLS
  // connection, so the start is shown with and without it.
  const clean = { ...process.env };
  delete clean.NODE_EXTRA_CA_CERTS;
  const samples = await interleave(RUNS, {
    shell: () => runCommand('node', [nslab, 'shell', '-q', '-c', 'true']),
    floor: () => runCommand('bash', [floorScript]),
    node: () => runCommand('node', ['-e', '0']),
    shellClean: () => runCommand('node', [nslab, 'shell', '-q', '-c', 'true'], clean),
    nodeClean: () => runCommand('node', ['-e', '0'], clean),
  });
  const f = median(samples.floor!);
  const rowOf = (what: string, key: string, target: string, judged: boolean): void => {
    const m = median(samples[key]!);
    row({ what, median: m, unit: 'ms', floor: f, ratio: m / f, target, met: judged ? m / f <= 2 : null });
  };
  rowOf('whole process `nslab shell -c true`', 'shell', '≤ 2.0× floor', true);
  // Node's own start is part of every nslab command and beyond our reach.
  rowOf('  of which: Node.js start (`node -e 0`)', 'node', 'reference', false);
  if (process.env.NODE_EXTRA_CA_CERTS) {
    rowOf('  the same without NODE_EXTRA_CA_CERTS', 'shellClean', 'reference', false);
    rowOf('  Node.js start without NODE_EXTRA_CA_CERTS', 'nodeClean', 'reference', false);
  }
}

async function snapshot(): Promise<void> {
  const lab = await Lab.create();
  try {
    await lab.run(
      `for n in 0 1 2; do ip netns add netns$n; ip link add veth$n type veth peer name ceth$n; ip link set ceth$n netns netns$n
         ip link set veth$n up; ip netns exec netns$n ip addr add 172.18.0.1$n/16 dev ceth$n; done
       iptables -t nat -A POSTROUTING -s 172.18.0.0/16 ! -o br0 -j MASQUERADE`,
    );
    const samples = await interleave(RUNS, { snap: () => snapshotLab(lab) });
    const m = median(samples.snap!);
    row({ what: 'snapshot of a 3-namespace lab', median: m, unit: 'ms', target: '≤ 50 ms', met: m <= 50 });
  } finally {
    await lab.destroy();
  }
}

async function grading(): Promise<void> {
  const challenge = (await loadContent()).challenges.find((c) => c.id === 'docker-bridge');
  if (!challenge) {
    row({ what: 'grade docker-bridge', median: null, unit: 'ms', target: '≤ 1500 ms', met: false, note: 'no docker-bridge challenge' });
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'nslab-bench-'));
  const solution = join(dir, 'docker-bridge.sh');
  writeFileSync(solution, challenge.solution);
  try {
    const one = await interleave(Math.min(RUNS, 7), {
      grade: () => runCommand('node', [nslab, 'grade', 'docker-bridge', solution, '--format', 'json']),
    });
    const m = median(one.grade!);
    row({ what: 'grade docker-bridge (one solution, whole process)', median: m, unit: 'ms', target: '≤ 1500 ms', met: m <= 1500 });
    const t0 = performance.now();
    await runCommand('node', [nslab, 'grade', 'docker-bridge', ...Array<string>(100).fill(solution), '--jobs', '2', '--format', 'json']);
    const s = (performance.now() - t0) / 1000;
    row({ what: 'grade docker-bridge ×100 with --jobs 2', median: s, unit: 's', target: '≤ 60 s', met: s <= 60, note: 'one run' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function tui(): Promise<void> {
  try {
    const { measureTui } = await import('./tui.js');
    const { firstFrameMs, rssMiB } = await measureTui(RUNS > 5 ? 5 : RUNS);
    row({ what: 'TUI first frame after `nslab`', median: firstFrameMs, unit: 'ms', target: '≤ 500 ms', met: firstFrameMs <= 500 });
    row({ what: 'TUI RSS with a lesson open', median: rssMiB, unit: 'MiB', target: '≤ 120 MiB', met: rssMiB <= 120 });
  } catch (err) {
    row({ what: 'TUI first frame / RSS', median: null, unit: 'ms', target: '≤ 500 ms, ≤ 120 MiB', met: null, note: `not measured: ${(err as Error).message}` });
  }
}

const parts: Record<string, () => Promise<void>> = { lab: labReady, shell: shellTrue, snapshot, grade: grading, tui };
const only = process.argv.slice(2);
console.log(`nslab bench — medians of ${RUNS} runs on ${(await import('node:os')).cpus().length} cores\n`);
for (const [name, fn] of Object.entries(parts)) {
  if (only.length && !only.includes(name)) continue;
  try {
    await fn();
  } catch (err) {
    row({ what: name, median: null, unit: 'ms', target: '', met: false, note: `error: ${(err as Error).message}` });
  }
}
mkdirSync(`${PACKAGE_ROOT}/bench-results`, { recursive: true });
writeFileSync(`${PACKAGE_ROOT}/bench-results/bench.json`, JSON.stringify({ date: new Date().toISOString(), runs: RUNS, rows }, null, 2) + '\n');
console.log(`\nwritten: bench-results/bench.json`);
process.exitCode = rows.some((r) => r.met === false) ? 1 : 0;
