/** Stable machine-readable error codes; messages are for people and may change. */
export const LIFT_ERROR_CODES = [
  'not-found',
  'conflict',
  'validation',
  'permission',
  'quota',
  'unavailable',
  'aborted',
  'version-change',
] as const;

export type LiftErrorCode = (typeof LIFT_ERROR_CODES)[number];

export interface LiftDataErrorOptions<Current = unknown> {
  cause?: unknown;
  /**
   * For `conflict`: the record as it is now, so the user can merge. For `unavailable` from a
   * device's outbox: the write still on its way to the server, which can change it once it has arrived.
   */
  current?: Current;
  /** For `validation`: the messages per field. */
  fields?: Record<string, string>;
}

/**
 * The one error every adapter throws. Code against `code`, never against `message`.
 */
export class LiftDataError<Current = unknown> extends Error {
  override readonly name = 'LiftDataError';
  readonly code: LiftErrorCode;
  readonly current: Current | undefined;
  readonly fields: Record<string, string> | undefined;

  constructor(code: LiftErrorCode, message: string, options: LiftDataErrorOptions<Current> = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.current = options.current;
    this.fields = options.fields;
  }

  /** True when `error` is a LiftDataError, optionally with the given code; works across copies of the library. */
  static is(error: unknown, code?: LiftErrorCode): error is LiftDataError {
    return (
      error instanceof Error &&
      error.name === 'LiftDataError' &&
      typeof (error as LiftDataError).code === 'string' &&
      (code === undefined || (error as LiftDataError).code === code)
    );
  }
}

/**
 * Storage code loaded when first needed (the built-in adapter, parts of its engine). When it
 * does not arrive (offline, a deploy in between) the call fails as data that cannot be reached,
 * which elements put into words with a retry, rather than with the browser's own message; the
 * next call fetches it again.
 */
export const laterCode = <M>(load: () => Promise<M>): Promise<M> =>
  load().catch((error: unknown) => {
    throw new LiftDataError('unavailable', 'Storage code could not be loaded.', { cause: error });
  });
