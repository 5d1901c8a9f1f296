// Parsers never throw on bad input: they return a Result.
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(error: string): Result<T> {
  return { ok: false, error };
}

/** Run a parser body, turning any unexpected exception into an error result. */
export function guard<T>(what: string, body: () => Result<T>): Result<T> {
  try {
    return body();
  } catch (e) {
    return err(`${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
