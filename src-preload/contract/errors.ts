// Errors cross the bridge as data: Electron's IPC keeps only an Error's message, and the renderer
// needs a code to decide what to show (a bad query is not a crash).
export type ErrorCode =
  | "invalid_request" // failed validation: message names the field
  | "not_open" // no workspace is open
  | "not_strata" // the file is not a Strata workspace
  | "corrupt" // SQLite says the file is damaged
  | "too_new" // written by a newer Strata
  | "locked" // another Strata has it open for writing
  | "exists" // refusing to overwrite
  | "not_found" // a file, saved item or user that is not there
  | "duplicate_import" // the same file was imported before
  | "bad_input" // a file that cannot be read (names file, line, field)
  | "passphrase" // missing or wrong passphrase, or a tampered encrypted file
  | "cancelled" // superseded or cancelled by the user
  | "too_long" // a query ran past its time budget, or asked for more buckets than are shown
  | "internal";

export interface StrataErrorData {
  code: ErrorCode;
  message: string;
  details?: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: StrataErrorData };

export class StrataError extends Error {
  readonly code: ErrorCode;
  readonly details: string | undefined;
  constructor(code: ErrorCode, message: string, details?: string) {
    super(message);
    this.name = "StrataError";
    this.code = code;
    this.details = details;
  }
  toData(): StrataErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/**
 * Any thrown value as error data: a StrataError as it is, anything else as "internal" (with its
 * stack as details when `stack` is set: worker threads send it, for the log).
 */
export function toErrorData(e: unknown, stack = false): StrataErrorData {
  if (e instanceof StrataError) return e.toData();
  const message = e instanceof Error ? e.message : String(e);
  const trace = stack && e instanceof Error ? e.stack : undefined;
  return trace === undefined ? { code: "internal", message } : { code: "internal", message, details: trace };
}
