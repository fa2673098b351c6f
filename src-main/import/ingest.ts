import path from "node:path";
import Database from "better-sqlite3";
import { StrataError } from "../../src-preload/contract/errors.ts";
import type { ImportOptions, ImportSummary } from "../../src-preload/contract/methods/import.ts";
import { persistColumns } from "../engine/columns/index.ts";
import { EventWriter } from "../store/event-writer.ts";
import { RowEncoder } from "./encode.ts";
import { fileHash, readText, TruncatedError } from "./encoding.ts";
import { inspectFile } from "./inspect.ts";
import { CsvParser } from "./parsers/csv.ts";
import { JsonArrayParser, NdjsonParser } from "./parsers/json.ts";
import { SkipReport } from "./report.ts";

// One import job: every file of it in ONE transaction on the worker's own connection, so that a
// failure, a cancel or a killed process leaves the workspace exactly as it was (SQLite drops the
// uncommitted WAL frames). Only the import log row of a failed or cancelled job is written after
// the rollback, in a transaction of its own.

export interface IngestJob {
  workspace: string;
  files: string[];
  options: ImportOptions;
  /** rebuild the engine's saved columns after the commit (default true) */
  columns?: boolean;
}

export interface IngestProgress {
  file: string;
  rows: number;
  bytes: number;
  totalBytes: number;
}

export interface IngestHooks {
  progress?(p: IngestProgress): void;
  cancelled?(): boolean;
  /** the job moved on to a later phase (after the commit: "columns") */
  phase?(name: "columns"): void;
}

const PROGRESS_MS = 200;

function openConnection(file: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch (e) {
    throw new StrataError("not_found", `cannot open ${file}: ${(e as Error).message}`);
  }
  db.pragma("trusted_schema = OFF");
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("cache_size = -131072");
  db.pragma("temp_store = MEMORY");
  // Codes are assigned by the writer from the same transaction's tables, so the per-row foreign-key
  // look-ups only cost time (about a fifth of the insert time measured on 1M rows).
  db.pragma("foreign_keys = OFF");
  return db;
}

interface FileRun {
  file: string;
  hash: string;
  size: number;
  startedAt: number;
  importId: number | null;
  summary: ImportSummary;
}

async function importFile(
  db: Database.Database,
  run: FileRun,
  opts: ImportOptions,
  tz: string,
  hooks: IngestHooks,
): Promise<void> {
  const name = path.basename(run.file);
  const ins = await inspectFile(run.file, opts, tz);
  const kind = ins.mapping.kind;
  const info = db
    .prepare(
      `INSERT INTO imports (file_name, file_path, file_size, file_hash, kind, options, started_at, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'done')`,
    )
    .run(name, ins.source.path, run.size, run.hash, kind, JSON.stringify(opts), run.startedAt);
  run.importId = Number(info.lastInsertRowid);
  const writer = new EventWriter(db, run.importId);
  const report = new SkipReport(name, opts.strict ?? false);
  const enc = new RowEncoder(ins.mapping, writer, report);
  let skipHeader = ins.layout.header && ins.layout.delimiter !== null;
  const parser =
    ins.layout.delimiter !== null
      ? new CsvParser(ins.layout.delimiter, {
          row(fields, line) {
            if (skipHeader) skipHeader = false;
            else enc.fields(fields, line);
          },
          bad(reason, line) {
            enc.rows++;
            report.skip(reason, line);
          },
        })
      : new (ins.layout.format === "ndjson" ? NdjsonParser : JsonArrayParser)({
          row: (rec, line) => enc.record(rec, line),
          bad(reason, line) {
            enc.rows++;
            report.skip(reason, line);
          },
        });
  let bytes = 0;
  let last = 0;
  const tick = (force: boolean) => {
    const now = performance.now();
    if (!force && now - last < PROGRESS_MS) return;
    last = now;
    hooks.progress?.({ file: run.file, rows: enc.rows, bytes, totalBytes: run.size });
  };
  try {
    for await (const text of readText(ins.source, (n) => {
      bytes = n;
    })) {
      if (hooks.cancelled?.()) throw new StrataError("cancelled", "the import was cancelled");
      parser.push(text);
      tick(false);
    }
    parser.end();
  } catch (e) {
    if (!(e instanceof TruncatedError)) throw e;
    // the rows before the cut are whole; the one being read when the data stopped is not
    enc.rows++;
    report.skip("truncated_file", parser.lineNumber(), e.message);
  }
  tick(true);
  enc.finish();
  writer.finish();
  const s = run.summary;
  s.rowsRead = enc.rows - (report.byReason.truncated_file ? 1 : 0);
  s.added = kind === "events" ? writer.added : enc.rows - report.total;
  s.usersAdded = writer.usersAdded;
  s.skipped = report.total;
  s.skippedByReason = report.byReason;
  s.seconds = (Date.now() - run.startedAt) / 1000;
  db.prepare(
    `UPDATE imports SET finished_at = ?, rows_read = ?, added = ?, skipped = ?, skipped_by_reason = ?, seconds = ?
     WHERE id = ?`,
  ).run(
    Date.now(),
    s.rowsRead,
    s.added,
    s.skipped,
    JSON.stringify(s.skippedByReason),
    s.seconds,
    run.importId,
  );
}

async function checkDuplicates(db: Database.Database, runs: FileRun[], force: boolean): Promise<void> {
  const seen = new Map<string, string>();
  for (const r of runs) {
    r.hash = await fileHash(r.file);
    if (force) continue;
    const before = db
      .prepare("SELECT file_name, started_at FROM imports WHERE file_hash = ? AND status = 'done' LIMIT 1")
      .get(r.hash) as { file_name: string; started_at: number } | undefined;
    if (before)
      throw new StrataError(
        "duplicate_import",
        `${path.basename(r.file)} was imported before (as ${before.file_name} on ${new Date(before.started_at).toISOString().slice(0, 10)}); import it again with --force`,
      );
    const twin = seen.get(r.hash);
    if (twin) throw new StrataError("duplicate_import", `${r.file} and ${twin} are the same file`);
    seen.set(r.hash, r.file);
  }
}

export async function ingest(job: IngestJob, hooks: IngestHooks = {}): Promise<ImportSummary[]> {
  const db = openConnection(job.workspace);
  const fs = await import("node:fs");
  const opts = job.options;
  const runs: FileRun[] = job.files.map((file) => {
    let size = 0;
    try {
      size = fs.statSync(file).size;
    } catch {
      throw new StrataError("not_found", `${file} does not exist`);
    }
    return {
      file,
      hash: "",
      size,
      startedAt: Date.now(),
      importId: null,
      summary: { file, rowsRead: 0, added: 0, usersAdded: 0, skipped: 0, skippedByReason: {}, seconds: 0 },
    };
  });
  try {
    const tz =
      opts.timezone ??
      (db.prepare("SELECT timezone FROM meta WHERE id = 1").get() as { timezone: string }).timezone;
    await checkDuplicates(db, runs, opts.force ?? false);
    db.exec("BEGIN IMMEDIATE");
    try {
      for (const r of runs) {
        r.startedAt = Date.now();
        await importFile(db, r, opts, tz, hooks);
      }
      db.prepare("UPDATE meta SET modified_at = ? WHERE id = 1").run(Date.now());
      db.exec("COMMIT");
    } catch (e) {
      if (db.inTransaction) db.exec("ROLLBACK");
      logFailure(db, runs, opts, e);
      throw e;
    }
    // The engine's saved columnar copy, rebuilt here (off the app's main thread) so that the next
    // open is a plain load. The events are committed either way: a failure here only costs speed.
    if (job.columns !== false) {
      hooks.phase?.("columns");
      try {
        persistColumns(db);
      } catch {
        // the engine rebuilds stale columns on open
      }
    }
    return runs.map((r) => r.summary);
  } finally {
    db.close();
  }
}

function logFailure(db: Database.Database, runs: FileRun[], opts: ImportOptions, e: unknown): void {
  const status = e instanceof StrataError && e.code === "cancelled" ? "cancelled" : "failed";
  const message = e instanceof Error ? e.message : String(e);
  const stmt = db.prepare(
    `INSERT INTO imports (file_name, file_path, file_size, file_hash, kind, options, started_at, finished_at,
     status, rows_read, skipped_by_reason, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  try {
    db.transaction(() => {
      for (const r of runs) {
        stmt.run(
          path.basename(r.file),
          path.resolve(r.file),
          r.size,
          r.hash || "unknown",
          opts.kind ?? "events",
          JSON.stringify({ ...opts, error: message }),
          r.startedAt,
          Date.now(),
          status,
          r.summary.rowsRead,
          JSON.stringify(r.summary.skippedByReason),
          (Date.now() - r.startedAt) / 1000,
        );
      }
    })();
  } catch {
    // the log is a courtesy; the import's own error is what the caller must see
  }
}
