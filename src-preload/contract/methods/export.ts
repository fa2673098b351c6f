import { z } from "zod";
import { method } from "../method.ts";
import { Segment } from "../segment.ts";

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
  segment: z.union([z.strictObject({ id: z.string().min(1) }), z.strictObject({ definition: Segment })]),
  preset: ExportPreset,
  out: z.string().min(1),
  attributes: z.array(z.string().min(1)).optional(),
  map: z.record(z.string(), z.string()).optional(),
  bom: z.boolean().optional(),
});
export type ExportRequest = z.infer<typeof ExportRequest>;

export interface ExportManifest {
  file: string;
  preset: ExportPreset;
  segmentName: string | null;
  segment: unknown;
  asOf: string;
  members: number;
  written: number;
  missingIdentifier: number;
  createdAt: string;
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

export const exportMethods = {
  exportPreview: method<{ header: string[]; rows: string[][]; members: number; missingIdentifier: number }>()(
    ExportRequest.omit({ out: true }).extend({ limit: z.number().int().min(1).max(100).optional() }),
  ),
  exportStart: method<{ jobId: string }>()(ExportRequest),
  exportCancel: method<null>()(z.strictObject({ jobId: z.string().min(1) })),
  exportList: method<ExportManifest[]>()(z.strictObject({})),
  dialogSaveFile: method<string | null>()(
    z.strictObject({ defaultName: z.string().min(1), filters: z.array(z.string()).optional() }),
  ),
  shareCopy: method<{ path: string; bytes: number }>()(ShareOptions),
};
