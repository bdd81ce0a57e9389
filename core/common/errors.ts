/**
 * An expected failure with a one-line message meant for the user (bad input, bad arguments).
 * The CLI prints it without a stack trace; the engine host sends it to the renderer as is.
 */
export class VecscopeError extends Error {
  constructor(
    message: string,
    /** The file the problem is in, when there is one. */
    readonly file?: string,
  ) {
    super(file !== undefined && !message.includes(file) ? `${file}: ${message}` : message);
    this.name = 'VecscopeError';
  }
}

/** Thrown when a job is cancelled; callers treat it as a normal outcome, not a failure. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}
