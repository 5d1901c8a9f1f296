// nslab doctor: can this machine run labs? Each finding says how to fix it.
import { Lab } from '../lab/lab.js';
import { findTool, labTools, userNamespaceFindings, type Finding } from '../lab/requirements.js';
import { parseCommand } from './usage.js';

const USAGE = 'usage: nslab doctor\n\nChecks Node, the tools labs use, user-namespace permission, and builds one lab.';

export default async function doctor(args: string[]): Promise<number> {
  const { values } = parseCommand(args, { help: { type: 'boolean', short: 'h' } }, USAGE, { positionals: false });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const asRoot = process.getuid?.() === 0;
  const findings: Finding[] = [];
  const major = Number(process.versions.node.split('.')[0]);
  findings.push(
    major >= 20
      ? { ok: true, what: `Node.js ${process.versions.node}` }
      : { ok: false, what: `Node.js ${process.versions.node} is too old`, fix: 'install Node.js 20 or newer' },
  );
  findings.push({ ok: true, what: asRoot ? 'running as root (labs map root to an unprivileged uid)' : 'running rootless' });
  const tools = labTools();
  const missing = tools.filter((t) => !findTool(t.command));
  for (const t of tools) {
    if (!missing.includes(t)) continue;
    findings.push({ ok: false, what: `${t.command} not found (${t.why})`, fix: `apt-get install ${t.pkg}` });
  }
  if (missing.length === 0) findings.push({ ok: true, what: `all ${tools.length} tools found` });
  findings.push(...userNamespaceFindings(asRoot));
  if (findings.every((f) => f.ok)) findings.push(...(await tryLab()));
  print(findings);
  return findings.every((f) => f.ok) ? 0 : 1;
}

async function tryLab(): Promise<Finding[]> {
  const out: Finding[] = [];
  const started = performance.now();
  let lab: Lab;
  try {
    lab = await Lab.create();
  } catch (err) {
    return [{ ok: false, what: `a lab could not be built: ${(err as Error).message}`, fix: 'see the findings above' }];
  }
  out.push({ ok: true, what: `a lab was built in ${Math.round(performance.now() - started)} ms` });
  try {
    const probes: Array<[string, string, string]> = [
      ['the host reaches the simulated internet (ping 8.8.8.8)', 'ping -c1 -W2 8.8.8.8', ''],
      ['DNS answers from 8.8.8.8', 'getent hosts example.com', 'is dnsmasq-base installed?'],
      ['br_netfilter behaviour on (bridge-nf-call-iptables=1)', 'grep -qx 1 /proc/sys/net/bridge/bridge-nf-call-iptables', 'modprobe br_netfilter on this machine (root), once'],
      ['iptables works inside the lab', 'iptables -t nat -S >/dev/null', 'apt-get install iptables'],
      ['nested user namespaces are refused inside the lab', '! unshare --user true 2>/dev/null', 'the kernel ignored user.max_user_namespaces; report this'],
    ];
    for (const [what, script, fix] of probes) {
      const r = await lab.run(script, { timeoutMs: 5000 });
      out.push(r.exitCode === 0 ? { ok: true, what } : { ok: false, what: `${what}: failed (${r.output.trim() || `exit ${r.exitCode}`})`, fix });
    }
  } finally {
    await lab.destroy();
  }
  return out;
}

function print(findings: Finding[]): void {
  const color = process.stdout.isTTY;
  const mark = (ok: boolean): string => (color ? (ok ? '\x1b[32m✓\x1b[0m' : '\x1b[31m✗\x1b[0m') : ok ? '✓' : '✗');
  for (const f of findings) {
    console.log(`${mark(f.ok)} ${f.what}`);
    if (!f.ok && f.fix) console.log(`    fix: ${f.fix}`);
  }
  const bad = findings.filter((f) => !f.ok).length;
  console.log(bad === 0 ? '\nThis machine can run nslab labs.' : `\n${bad} problem${bad > 1 ? 's' : ''} found.`);
}
