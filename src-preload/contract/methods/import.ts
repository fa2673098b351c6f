import { z } from "zod";
import { method } from "../method.ts";
import type { ImportLogEntry } from "../workspace-info.ts";

// Options mirror `strata import` (spec/cli.md) so that the app and the CLI import the same way.
export const ImportOptions = z.strictObject({
  kind: z.enum(["events", "users"]).optional(),
  format: z.enum(["csv", "tsv", "ndjson", "json", "auto"]).optional(),
  delimiter: z.string().min(1).max(4).optional(),
  header: z.boolean().optional(),
  columns: z.array(z.string().min(1)).optional(),
  preset: z.string().min(1).optional(),
  user: z.string().min(1).optional(),
  event: z.string().min(1).optional(),
  eventName: z.string().min(1).optional(),
  time: z.string().min(1).optional(),
  timeFormat: z.string().min(1).optional(),
  timezone: z.string().min(1).optional(),
  strict: z.boolean().optional(),
  force: z.boolean().optional(),
  /** a JSON file that ends early: import the events before the cut instead of refusing the file */
  keepReadable: z.boolean().optional(),
  /** per-column overrides from the mapping editor: type or "skip" */
  types: z.record(z.string(), z.enum(["string", "number", "boolean", "time", "skip"])).optional(),
});
export type ImportOptions = z.infer<typeof ImportOptions>;

export interface ImportPreview {
  path: string;
  format: "csv" | "tsv" | "ndjson" | "json";
  encoding: string;
  gzip: boolean;
  delimiter: string | null;
  header: boolean;
  columns: {
    /** the file's column: what the options (user, event, time, types) name */
    name: string;
    type: "string" | "number" | "boolean" | "time";
    role: "user" | "event" | "time" | "property" | "insertId" | "skip";
    /** the name the import stores the column under, when it is not `name` (`properties.plan` is `plan`) */
    storedAs?: string;
  }[];
  rows: (string | number | boolean | null)[][];
  /**
   * Properties the import derives from other columns (the transactions preset's `revenue`), with
   * their values for `rows`: null where a row gets none. Absent when there are none.
   */
  computed?: {
    name: string;
    type: "number";
    /** the columns it is computed from, and how */
    from: string[];
    formula: string;
    values: (number | null)[];
  }[];
  mapping: {
    user: string | null;
    event: string | null;
    eventName: string | null;
    time: string | null;
    preset: string | null;
  };
  problems: string[];
}

export interface ImportSummary {
  file: string;
  rowsRead: number;
  added: number;
  usersAdded: number;
  skipped: number;
  skippedByReason: Record<string, { count: number; firstLines: number[] }>;
  /** rows imported with something missing (`unreadable_revenue`), by reason with their first lines */
  warnings: Record<string, { count: number; firstLines: number[] }>;
  seconds: number;
}

export const importMethods = {
  dialogChooseImportFiles: method<string[]>()(z.strictObject({})),
  importPreview: method<ImportPreview>()(
    z.strictObject({ path: z.string().min(1), options: ImportOptions.optional() }),
  ),
  importStart: method<{ jobId: string }>()(
    z.strictObject({ paths: z.array(z.string().min(1)).min(1), options: ImportOptions.optional() }),
  ),
  importCancel: method<null>()(z.strictObject({ jobId: z.string().min(1) })),
  importLog: method<ImportLogEntry[]>()(z.strictObject({})),
};
