import type { ExportPreset } from "../../../src-preload/contract/methods/export.ts";
import type { Identity, IdField } from "../identity.ts";

/** One column of a preset: its exact header, where its value comes from, and how it is written. */
export interface Column {
  header: string;
  /** the identifier it is filled from (for --map and for leaving out columns nobody has) */
  field: IdField;
  value(id: Identity): string | null;
  /** a validated format (E.164, hex hash) written as is; other cells go through formula neutralization */
  verbatim?: boolean;
}

export interface Preset {
  name: ExportPreset;
  label: string;
  format: "csv" | "ndjson";
  columns: readonly Column[];
  /** whether --attributes may add columns (hashed audience lists take none) */
  extraAttributes: boolean;
  /** columns kept even when the workspace has no attribute for them */
  alwaysColumns: readonly string[];
  /** what a member needs to be exported, in words */
  requires: string;
  hasRequired(id: Identity): boolean;
  /** the importer's documentation the rules follow */
  source: string;
}
