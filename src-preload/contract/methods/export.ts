import { z } from "zod";
import { Timezone } from "../common.ts";
import { method } from "../method.ts";
import { PropensityQuery, Segment } from "../segment.ts";

export const ExportPreset = z.enum([
  "braze",
  "clevertap",
  "iterable",
  "mailchimp",
  "meta",
  "google",
  "csv",
  "ndjson",
]);
export type ExportPreset = z.infer<typeof ExportPreset>;

export const ExportRequest = z.strictObject({
  // a saved segment by id, or a definition (what the builder shows, saved or not) with its name
  segment: z.union([
    z.strictObject({ id: z.string().min(1) }),
    z.strictObject({
      definition: Segment,
      name: z.string().min(1).max(200).optional(),
      /** the saved segment the builder opened: the manifest names it when the definition is unchanged */
      savedId: z.string().min(1).optional(),
    }),
  ]),
  preset: ExportPreset,
  out: z.string().min(1),
  attributes: z.array(z.string().min(1)).optional(),
  map: z.record(z.string(), z.string()).optional(),
  bom: z.boolean().optional(),
  /** the model whose score the `$propensityScore` column holds */
  propensity: PropensityQuery.optional(),
  /**
   * the zone the segment's time conditions and the computed columns (best send hour) are read in,
   * as the builder and the Predict view read them under the top bar's override; none: the workspace's
   */
  timezone: Timezone.optional(),
  /** replace an existing regular file at `out` (the CLI's --force; a confirmed save dialog) */
  overwrite: z.boolean().optional(),
});
export type ExportRequest = z.infer<typeof ExportRequest>;

/** What an export file holds; written beside it as `<file>.manifest.json` and kept in the workspace. */
export interface ExportManifest {
  /** row id in the workspace's exports table (null when it could not be recorded) */
  id: number | null;
  file: string;
  preset: ExportPreset;
  columns: string[];
  segmentId: string | null;
  segmentName: string | null;
  segment: unknown;
  workspace: string;
  asOf: string;
  /** the zone the segment's days, the as-of day and $bestSendHour were read in (absent before 1.1) */
  timezone?: string;
  /** members of the segment */
  members: number;
  /** rows written (members minus those lacking the required identifier) */
  written: number;
  missingIdentifier: number;
  /** what the preset needs per member, in words */
  requires: string;
  invalid: { email: number; phone: number; country: number };
  bom: boolean;
  bytes: number;
  sha256: string;
  createdAt: string;
  strataVersion: string;
}

export interface ExportPreview {
  header: string[];
  rows: string[][];
  /** members of the whole segment */
  members: number;
  /** how many members the missing-identifier count below looked at (the first ones) */
  sampled: number;
  missingIdentifier: number;
}

export const ShareOptions = z.strictObject({
  out: z.string().min(1),
  events: z.boolean().optional(),
  pseudonymizeKey: z.string().min(8).optional(),
  dropAttributes: z.array(z.string().min(1)).optional(),
  dropPersonal: z.boolean().optional(),
  passphrase: z.string().min(8).optional(),
});
export type ShareOptions = z.infer<typeof ShareOptions>;

/** A saved item of the workspace, as a share names it. */
export interface SharedSavedItem {
  id: string;
  type: "segment" | "report";
  name: string;
}

/**
 * What `shareCopy` wrote and what the copy lost (resources/docs/sharing.md). The fields after
 * `bytes` came later: a caller that does not know them still reads the path and the size.
 */
export interface ShareCopyResult {
  path: string;
  bytes: number;
  /** attribute and property names removed from the copy */
  dropped?: string[];
  /** texts in which e-mail addresses were replaced; user ids replaced by pseudonyms */
  redacted?: { values: number; eventNames: number; userIds: number };
  /** saved items that use a removed name: they answer differently in the copy */
  affected?: (SharedSavedItem & {
    /** the removed names it uses */
    uses: string[];
    /** members in the workspace and in the copy (segments of a copy with events; else null) */
    before: number | null;
    after: number | null;
  })[];
  /** saved items whose last result a copy without events does not carry (it held removed values) */
  resultsDropped?: SharedSavedItem[];
}

export const exportMethods = {
  exportPreview: method<ExportPreview>()(
    ExportRequest.omit({ out: true }).extend({ limit: z.number().int().min(1).max(100).optional() }),
  ),
  exportStart: method<{ jobId: string }>()(ExportRequest),
  exportCancel: method<null>()(z.strictObject({ jobId: z.string().min(1) })),
  exportList: method<ExportManifest[]>()(z.strictObject({})),
  dialogSaveFile: method<string | null>()(
    z.strictObject({ defaultName: z.string().min(1), filters: z.array(z.string()).optional() }),
  ),
  shareCopy: method<ShareCopyResult>()(ShareOptions),
};
