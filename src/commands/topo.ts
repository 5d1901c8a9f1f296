// nslab topo: draw a lab's topology — a running one (--lab ID, the id
// `nslab shell` prints), or a fresh lab built to a point of the tutorial.
import { Lab } from '../lab/lab.js';
import { snapshotLab } from '../inspect/snapshot.js';
import { drawTopology, topologyView } from '../ui/topology.js';
import { parseCommand, UsageError } from './usage.js';

const USAGE = `usage: nslab topo [--lab ID | --at SPEC] [--width N]

  --lab ID     draw a running lab (its id is printed by \`nslab shell\`, and is $NSLAB_LAB inside it)
  --at SPEC    draw a fresh lab built to a lesson, lesson:step or challenge start
  --width N    wrap the drawing at N columns (default: the terminal's width, or 100)
Without options it draws a fresh lab.`;

export default async function topo(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    { lab: { type: 'string' }, at: { type: 'string' }, width: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    USAGE,
    { positionals: false },
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  void positionals;
  if (values.lab && values.at) throw new UsageError('--lab and --at do not go together: one draws a running lab, the other builds one', USAGE);
  const width = values.width ? Number(values.width) : (process.stdout.columns ?? 100);
  if (!Number.isFinite(width) || width < 20) throw new UsageError(`--width must be a number of columns (20 or more), got "${values.width}"`, USAGE);
  if (values.lab) {
    const lab = Lab.attach(values.lab);
    console.log(await draw(lab, width));
    return 0;
  }
  const lab = await Lab.create();
  try {
    if (values.at) {
      const { prepareLab } = await import('../replay/prepare.js');
      await prepareLab(lab, values.at);
    }
    console.log(await draw(lab, width));
  } finally {
    await lab.destroy();
  }
  return 0;
}

async function draw(lab: Lab, width: number): Promise<string> {
  const snapshot = await snapshotLab(lab);
  // Nothing read at all (not even the host): say so instead of drawing an empty picture.
  if (!snapshot.places.host) throw new Error("could not read the lab's state: the snapshot of the host came back empty; try again, or `nslab doctor`");
  return drawTopology(topologyView(snapshot), width).join('\n');
}
