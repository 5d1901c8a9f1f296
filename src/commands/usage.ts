// Argument parsing shared by the commands: node's own parseArgs, with errors
// turned into a UsageError that the CLI answers with usage and exit code 2.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommand<O extends Options>(
  args: string[],
  options: O,
  usage: string,
  { positionals = true }: { positionals?: boolean } = {},
) {
  try {
    return parseArgs({ args, options, allowPositionals: positionals, strict: true });
  } catch (err) {
    const message = (err as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, '');
    throw new UsageError(message, usage);
  }
}

/** Parse a positive integer option, or throw a UsageError naming it. */
export function positiveInt(value: string | undefined, name: string, usage: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${name} must be a positive number, got "${value}"`, usage);
  return n;
}
