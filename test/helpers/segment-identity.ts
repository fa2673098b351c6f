import fs from "node:fs";
import path from "node:path";
import { ingest } from "../../src-main/import/ingest.ts";
import { Workspace } from "../../src-main/workspace/workspace.ts";
import { tmpDir } from "./tmp.ts";

// The smallest workspace with an identity link, imported as Segment rows (merge on by default).

/** Three Segment rows: anon-1 views, then buys as alice (both ids on the row); bob views. */
export const SEGMENT_ROWS = [
  {
    type: "track",
    event: "view_item",
    anonymousId: "anon-1",
    userId: null,
    timestamp: "2024-06-01T09:00:00Z",
  },
  {
    type: "track",
    event: "purchase",
    anonymousId: "anon-1",
    userId: "alice",
    timestamp: "2024-06-01T09:10:00Z",
  },
  { type: "track", event: "view_item", userId: "bob", timestamp: "2024-06-02T10:00:00Z" },
].map((row, i) => JSON.stringify({ ...row, messageId: `m-${i}`, properties: {} }));

/** Imports Segment `rows` (JSON lines) into the workspace `file`, as `strata import --preset segment`. */
export async function importSegment(file: string, rows: string[]): Promise<void> {
  const source = path.join(tmpDir("strata-segment-rows-"), "rows.ndjson");
  fs.writeFileSync(source, `${rows.join("\n")}\n`);
  await ingest({ workspace: file, files: [source], options: { preset: "segment" }, columns: true });
}

/** A new workspace file (UTC) holding Segment `rows`. */
export async function segmentFile(rows: string[] = SEGMENT_ROWS): Promise<string> {
  const file = path.join(tmpDir("strata-push-identity-"), "id.strata");
  Workspace.create(file, { timezone: "UTC" }).close();
  await importSegment(file, rows);
  return file;
}

/** A writable workspace of SEGMENT_ROWS (closed by the caller). */
export async function segmentWorkspace(): Promise<Workspace> {
  return Workspace.open(await segmentFile(), { readonly: false });
}
