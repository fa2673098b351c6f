import { StrataError } from "../../src-preload/contract/errors.ts";

// Rows an import could not use, counted by reason with the first line numbers, so the analyst can
// open the file at the right place. In strict mode the first one fails the import instead. Beside
// them, warnings: rows imported with something missing (a revenue that could not be computed),
// counted the same way; they never fail an import, since the event itself is there.

export type SkipReason =
  | "missing_user_id"
  | "missing_event_name"
  | "unparseable_time"
  | "time_out_of_range"
  | "bad_json"
  | "unterminated_json"
  | "too_deep"
  | "wrong_column_count"
  | "unterminated_quote"
  | "truncated_file"
  | "duplicate_insert_id"
  | "identity_only";

/** A row imported without something it should have had. */
export type WarningReason = "unreadable_revenue";

const FIRST_LINES = 10;

const TEXT: Record<SkipReason, string> = {
  missing_user_id: "has no user id",
  missing_event_name: "has no event name",
  unparseable_time: "has a time that cannot be read",
  time_out_of_range: "has a time outside 1970-01-01 .. 2099-12-31",
  bad_json: "is not a valid JSON object",
  unterminated_json: "is cut off (unterminated JSON)",
  too_deep: "nests objects or arrays thousands of levels deep",
  wrong_column_count: "has the wrong number of columns",
  unterminated_quote: "has a quote that is never closed",
  truncated_file: "is cut off (the file ends early)",
  duplicate_insert_id: "repeats an insert id imported before",
  identity_only: "links an anonymous id to a user (an identify call) and is not an event",
};

type Counts = Record<string, { count: number; firstLines: number[] }>;

function count(counts: Counts, reason: string, line: number): void {
  let entry = counts[reason];
  if (!entry) {
    entry = { count: 0, firstLines: [] };
    counts[reason] = entry;
  }
  entry.count++;
  if (entry.firstLines.length < FIRST_LINES) entry.firstLines.push(line);
}

export class SkipReport {
  readonly file: string;
  readonly strict: boolean;
  readonly byReason: Counts = {};
  readonly warnings: Counts = {};
  total = 0;

  constructor(file: string, strict: boolean) {
    this.file = file;
    this.strict = strict;
  }

  skip(reason: SkipReason, line: number, detail?: string): void {
    if (this.strict && reason !== "duplicate_insert_id" && reason !== "identity_only") {
      throw new StrataError(
        "bad_input",
        `${this.file} line ${line} ${TEXT[reason]}${detail ? ` (${detail})` : ""}; without --strict such rows are skipped and reported`,
      );
    }
    this.total++;
    count(this.byReason, reason, line);
  }

  warn(reason: WarningReason, line: number): void {
    count(this.warnings, reason, line);
  }
}
