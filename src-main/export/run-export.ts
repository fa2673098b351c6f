import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { StrataError } from "../../src-preload/contract/errors.ts";
import type {
  ExportManifest,
  ExportPreview,
  ExportRequest,
} from "../../src-preload/contract/methods/export.ts";
import type { Segment } from "../../src-preload/contract/segment.ts";
import type { QueryEngine } from "../engine/index.ts";
import { APP_VERSION } from "../version.ts";
import { canonicalJson } from "../workspace/report-results.ts";
import { getSaved } from "../workspace/saved.ts";
import type { Workspace } from "../workspace/workspace.ts";
import { computedColumns, withComputedColumns } from "./computed.ts";
import { UTF8_BOM } from "./csv.ts";
import { checkDestination, commitTemp, sweepStaleTemps, tempBeside, writeFailure } from "./destination.ts";
import { listExports, manifestPath, recordExport, writeManifestFile } from "./manifest.ts";
import { knownAttributes, memberPages } from "./members.ts";
import { buildPlan, type ExportPlan, emptyStats } from "./plan.ts";

// Streams a segment's members into a preset's file: pages of members in, bounded chunks out, a
// running checksum, progress after every page, cancellation between pages. The file is written
// under a temporary name and renamed at the end, so a failed or cancelled export leaves nothing.

// Rows read from the users table per page, for everyone and for a segment's member ids alike (the
// engine evaluates a segment once, so a page costs the same either way).
const PAGE = 20_000;
const CHUNK = 1 << 20;

export interface ResolvedSegment {
  id: string | null;
  name: string | null;
  definition: Segment;
}

export function resolveSegment(ws: Workspace, s: ExportRequest["segment"]): ResolvedSegment {
  if ("definition" in s) {
    // the manifest names the saved segment only when what was exported is exactly it
    let saved: ReturnType<typeof getSaved> | null = null;
    try {
      saved = s.savedId === undefined ? null : getSaved(ws.db, s.savedId);
    } catch {
      saved = null; // deleted since the builder opened it: the export is of an unsaved segment
    }
    const same = saved?.type === "segment" && canonicalJson(saved.definition) === canonicalJson(s.definition);
    return { id: same ? (saved?.id ?? null) : null, name: s.name ?? null, definition: s.definition };
  }
  const item = getSaved(ws.db, s.id);
  if (item.type !== "segment")
    throw new StrataError("invalid_request", `${s.id} is a saved report, not a segment`);
  return { id: item.id, name: item.name, definition: item.definition };
}

type PlanRequest = Pick<ExportRequest, "preset" | "attributes" | "map" | "bom">;

export function planFor(ws: Workspace, req: PlanRequest): ExportPlan {
  const plan = buildPlan(req.preset, {
    known: knownAttributes(ws.db),
    attributes: req.attributes,
    map: req.map,
  });
  if (req.bom && plan.preset.format !== "csv")
    throw new StrataError("invalid_request", "a byte order mark is only written in CSV files, not NDJSON");
  return plan;
}

function checkOut(ws: Workspace, out: string, overwrite: boolean): string {
  const file = path.resolve(out);
  // a workspace and its SQLite sidecars (WAL, shared memory, journal) and write lock are never replaced
  if (file === ws.path || /\.strata(-wal|-shm|-journal|\.lock)?$/i.test(file))
    throw new StrataError("invalid_request", `refusing to write an export over a workspace file (${file})`);
  checkDestination(file, overwrite);
  checkDestination(manifestPath(file), overwrite);
  // what an earlier export killed mid-way left here (member lists under a temporary name)
  sweepStaleTemps(path.dirname(file));
  return file;
}

export interface ExportJob {
  ws: Workspace;
  engine: () => QueryEngine;
  request: ExportRequest;
  signal?: AbortSignal;
  onProgress?: (processed: number, total: number) => void;
  pageSize?: number;
}

export async function runExport(job: ExportJob): Promise<ExportManifest> {
  const { ws, request: req, signal } = job;
  const overwrite = req.overwrite ?? false;
  const file = checkOut(ws, req.out, overwrite);
  const segment = resolveSegment(ws, req.segment);
  const plan = planFor(ws, req);
  // the zone the segment's days and $bestSendHour are read in, and the as-of day in that zone
  const timezone = req.timezone ?? ws.meta().timezone;
  const asOf = ws.asOfDate(timezone);
  const stats = emptyStats();
  const hash = createHash("sha256");
  const tmp = tempBeside(file);
  const fh = await fs.promises.open(tmp, "wx").catch((e: unknown) => {
    throw writeFailure(file, e);
  });
  let bytes = 0;
  let total = 0;
  let done = false;
  const flush = async (s: string) => {
    if (s === "") return;
    const b = Buffer.from(s, "utf8");
    hash.update(b);
    bytes += b.length;
    await fh.write(b);
  };
  try {
    let buf = (req.bom ? UTF8_BOM : "") + plan.headerLine();
    const pages = withComputedColumns(
      memberPages(ws.db, job.engine, segment.definition, job.pageSize ?? PAGE, signal, req.timezone),
      job.engine,
      segment.definition,
      computedColumns(plan.attributes),
      req.propensity,
      signal,
      req.timezone,
    );
    for await (const page of pages) {
      if (signal?.aborted) throw new StrataError("cancelled", "the export was cancelled");
      total = page.total;
      for (const member of page.members) {
        const line = plan.line(member, stats);
        if (line !== null) buf += line;
        if (buf.length >= CHUNK) {
          await flush(buf);
          buf = "";
        }
      }
      job.onProgress?.(stats.members, total);
      // let the process answer other requests (and a cancel) between pages
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await flush(buf);
    if (signal?.aborted) throw new StrataError("cancelled", "the export was cancelled");
    await fh.close();
    done = true;
    commitTemp(tmp, file, overwrite);
  } catch (err) {
    if (!done) await fh.close().catch(() => {});
    fs.rmSync(tmp, { force: true });
    if (signal?.aborted && !(err instanceof StrataError && err.code === "cancelled"))
      throw new StrataError("cancelled", "the export was cancelled");
    throw writeFailure(file, err);
  }
  const manifest: ExportManifest = {
    id: null,
    file,
    preset: req.preset,
    columns: plan.header,
    segmentId: segment.id,
    segmentName: segment.name,
    segment: segment.definition,
    workspace: ws.path,
    asOf,
    timezone,
    members: stats.members,
    written: stats.written,
    missingIdentifier: stats.missingIdentifier,
    requires: plan.preset.requires,
    invalid: stats.invalid,
    bom: req.bom ?? false,
    bytes,
    sha256: hash.digest("hex"),
    createdAt: new Date().toISOString(),
    strataVersion: APP_VERSION,
  };
  if (!ws.readonly) manifest.id = recordExport(ws.db, manifest);
  writeManifestFile(manifest, overwrite);
  return manifest;
}

/**
 * The file's first rows as cells (through plan.cells, the writer's own path, so formula-neutralized
 * and unaltered values alike show as the file holds them), and the missing-identifier count over the
 * first page of members.
 */
export async function previewExport(
  ws: Workspace,
  engine: () => QueryEngine,
  req: Omit<ExportRequest, "out"> & { limit?: number | undefined },
): Promise<ExportPreview> {
  const segment = resolveSegment(ws, req.segment);
  const plan = planFor(ws, req);
  const stats = emptyStats();
  const rows: string[][] = [];
  const limit = req.limit ?? 20;
  const pages = withComputedColumns(
    memberPages(ws.db, engine, segment.definition, 2_000, undefined, req.timezone),
    engine,
    segment.definition,
    computedColumns(plan.attributes),
    req.propensity,
    undefined,
    req.timezone,
  );
  let members = 0;
  for await (const page of pages) {
    members = page.total;
    for (const member of page.members) {
      const cells = plan.cells(member, stats);
      if (cells !== null && rows.length < limit) rows.push(cells);
    }
    break;
  }
  return {
    header: plan.headerCells,
    rows,
    members,
    sampled: stats.members,
    missingIdentifier: stats.missingIdentifier,
  };
}

export { listExports, manifestPath };
