import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { StrataError } from "../../src-preload/contract/errors.ts";
import type { ImportOptions, ImportSummary } from "../../src-preload/contract/methods/import.ts";
import { leaveInRollbackMode } from "../db/connection.ts";
import { get, rowsOf, type SqlValue, sql, statement } from "../db/sql.ts";
import { persistColumns } from "../engine/columns/index.ts";
import { warnColumnsNotSaved } from "../engine/columns/save.ts";
import { type Dictionaries, readDictionaries } from "../store/event-writer.ts";
import { importWarningsTable, writeImportWarnings } from "../workspace/import-warnings.ts";
import { ByteRowEncoder } from "./byte-row-encoder.ts";
import { openConnection } from "./connection.ts";
import { type Inspection, inspectFile } from "./inspect.ts";
import { ByteCsvParser, type ByteRow, rowStrings } from "./parsers/csv-bytes.ts";
import { JsonArrayParser, NdjsonParser } from "./parsers/json.ts";
import { PipeWriter } from "./pipe-writer.ts";
import { SkipReport } from "./report.ts";
import { RowEncoder } from "./row-encoder.ts";
import { Seen, type SeenFile, withContentHash } from "./seen-files.ts";
import { LocalStore, PipeStore, type Store } from "./store.ts";
import { fileHash, NotUtf8Error, newFileHash, readText, readUtf8, TruncatedError } from "./text-source.ts";
import { UserDict } from "./user-dict.ts";

// One import job: every file of it in ONE transaction, so that a failure, a cancel or a killed
// process leaves the workspace exactly as it was (SQLite drops the uncommitted WAL frames). Only
// the import log row of a failed or cancelled job is written after the rollback, on its own.

export interface IngestJob {
  workspace: string;
  files: string[];
  options: ImportOptions;
  /** save the engine's columns with the commit, or rebuild them after it (default true) */
  columns?: boolean;
  /** insert on a second thread when the files allow it (default true) */
  pipeline?: boolean;
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
  /** the job moved on to its last phase ("columns": every row is in; the commit and the engine's columns follow) */
  phase?(name: "columns"): void;
}

const PROGRESS_MS = 200;

interface Parser<T> {
  push(chunk: T): void;
  end(): void;
  lineNumber(): number;
}

interface FileRun extends SeenFile {
  startedAt: number;
  ins: Inspection | null;
  summary: ImportSummary;
}

async function importFile(
  store: Store,
  run: FileRun,
  importId: number,
  dict: Dictionaries,
  opts: ImportOptions,
  hooks: IngestHooks,
  hadWarnings: boolean,
  seen: Seen | null,
): Promise<void> {
  const name = path.basename(run.file);
  const ins = run.ins as Inspection;
  const kind = ins.mapping.kind;
  store.run(
    sql`INSERT INTO imports (id, file_name, file_path, file_size, file_hash, kind, options, started_at, status)
     VALUES (${importId}, ${name}, ${ins.source.path}, ${run.size}, ${run.hash}, ${kind}, ${JSON.stringify(opts)},
     ${run.startedAt}, 'done')`,
  );
  const sink = store.sink(importId, dict);
  const report = new SkipReport(name, opts.strict ?? false);
  const enc = new RowEncoder(ins.mapping, sink, report);
  let skipHeader = ins.layout.header && ins.layout.delimiter !== null;
  let cut: { line: number; byte: number } | null = null;
  const bad = (
    reason: "unterminated_quote" | "bad_json" | "unterminated_json",
    line: number,
    byte?: number,
  ) => {
    if (reason === "unterminated_json") {
      cut = { line, byte: (byte ?? 0) + (ins.source.bom && ins.source.encoding === "utf-8" ? 3 : 0) };
      // refused below unless the analyst keeps the readable events: not a skipped row
      if (!opts.keepReadable) return;
    }
    enc.rows++;
    report.skip(reason, line);
  };
  let bytes = 0;
  let last = 0;
  const tick = (force: boolean) => {
    const now = performance.now();
    if (!force && now - last < PROGRESS_MS) return;
    last = now;
    hooks.progress?.({ file: run.file, rows: enc.rows, bytes, totalBytes: run.size });
  };
  const hash = run.hash === "" ? newFileHash() : null;
  const onRead = (fileChunk: Buffer) => {
    bytes += fileChunk.length;
    hash?.update(fileChunk);
  };
  // A gzip file's identity is also its content, hashed as it is unzipped for the import: the
  // compressed bytes of the same text differ with the tool and the level (a .csv.gz of a .csv
  // imported before was imported again, doubling every count).
  const content = ins.source.gzip ? newFileHash() : null;
  let contentSize = 0;
  const onContent = content
    ? (textChunk: Buffer) => {
        contentSize += textChunk.length;
        content.update(textChunk);
      }
    : undefined;
  let truncated = false;
  const pump = async <T>(chunks: AsyncIterable<T>, parser: Parser<T>) => {
    try {
      for await (const chunk of chunks) {
        if (hooks.cancelled?.()) throw new StrataError("cancelled", "the import was cancelled");
        parser.push(chunk);
        await store.pressure();
        tick(false);
      }
      parser.end();
    } catch (e) {
      if (e instanceof NotUtf8Error) throw notUtf8(name, ins.source, parser.lineNumber(), e);
      if (!(e instanceof TruncatedError)) throw e;
      // the rows before the cut are whole; the one being read when the data stopped is not
      truncated = true;
      enc.rows++;
      report.skip("truncated_file", parser.lineNumber(), e.message);
    }
  };
  if (ins.layout.delimiter !== null) {
    // the two-thread sink takes rows as bytes; the others as strings
    const byRow =
      sink instanceof PipeWriter
        ? new ByteRowEncoder(ins.mapping, sink, enc)
        : { row: (r: ByteRow, line: number) => enc.fields(rowStrings(r), line) };
    const parser = new ByteCsvParser(ins.layout.delimiter, {
      row(r, line) {
        if (skipHeader) skipHeader = false;
        else byRow.row(r, line);
      },
      bad,
    });
    await pump(readUtf8(ins.source, onRead, onContent), parser);
  } else {
    const parser = new (ins.layout.format === "ndjson" ? NdjsonParser : JsonArrayParser)({
      row: (rec, line) => enc.record(rec, line),
      bad,
    });
    await pump(readText(ins.source, onRead, onContent), parser);
  }
  tick(true);
  if (cut !== null && !opts.keepReadable) throw truncatedJson(name, cut, enc.rows - report.total);
  // a read cut short (a truncated gzip file) did not hash the whole file
  if (hash) run.hash = bytes === run.size ? hash.digest("hex") : await fileHash(run.file);
  // the content of a file cut short is not all of it: its bytes identify it
  if (content && !truncated) run.content = { hash: content.digest("hex"), size: contentSize };
  // refused before the rows are committed: the job's transaction rolls back
  seen?.afterRead(run);
  enc.finish();
  await store.finishSink(sink);
  writeLinks(store, enc.links, importId);
  const summary = run.summary;
  summary.rowsRead = enc.rows - (report.byReason.truncated_file ? 1 : 0);
  summary.added = kind === "events" ? sink.added : enc.rows - report.total;
  summary.usersAdded = sink.usersAdded;
  summary.skipped = report.total;
  summary.skippedByReason = report.byReason;
  summary.warnings = report.warnings;
  summary.seconds = (Date.now() - run.startedAt) / 1000;
  const logged = withContentHash(opts, run.content);
  store.run(
    sql`UPDATE imports SET file_hash = ${run.hash}, options = ${JSON.stringify(logged)}, finished_at = ${Date.now()}, rows_read = ${summary.rowsRead},
     added = ${summary.added}, skipped = ${summary.skipped}, skipped_by_reason = ${JSON.stringify(summary.skippedByReason)},
     seconds = ${summary.seconds} WHERE id = ${importId}`,
  );
  writeImportWarnings(store, importId, summary.warnings, hadWarnings);
}

const LINKS_PER_STATEMENT = 300;

/** The file's identity links, in the import's transaction; an anonymous id linked before keeps its link. */
function writeLinks(store: Store, links: Map<string, string>, importId: number): void {
  let rows: SqlValue[][] = [];
  const flush = () => {
    if (rows.length === 0) return;
    store.run(sql`INSERT OR IGNORE INTO identities (anon_id, user_id, import_id) VALUES ${rowsOf(rows)}`);
    rows = [];
  };
  for (const [anon, ident] of links) {
    rows.push([anon, ident, importId]);
    if (rows.length >= LINKS_PER_STATEMENT) flush();
  }
  flush();
}

/** A JSON document that ends early is a damaged file: refused whole unless asked otherwise. */
function truncatedJson(name: string, cut: { line: number; byte: number }, readable: number): StrataError {
  return new StrataError(
    "bad_input",
    `${name} ends early: the JSON is cut off in the record that starts at byte ${cut.byte.toLocaleString("en-US")} (line ${cut.line}); ${readable.toLocaleString("en-US")} event${readable === 1 ? " was" : "s were"} readable before it. Nothing was imported. Import the readable events with --keep-readable (in the app: "Keep the readable events")`,
  );
}

/** Bytes that are not UTF-8 after a start that chose UTF-8: refused whole, never replaced by U+FFFD. */
function notUtf8(
  name: string,
  source: { gzip: boolean; bom: boolean },
  line: number,
  e: NotUtf8Error,
): StrataError {
  const hex = e.value.toString(16).toUpperCase().padStart(2, "0");
  const where = `line ${line}, byte ${e.byte.toLocaleString("en-US")}${source.gzip ? " of the unzipped text" : ""}`;
  const why = source.bom ? "it starts with a UTF-8 byte-order mark" : "its first 256 KB are UTF-8";
  return new StrataError(
    "bad_input",
    `${name} is not valid UTF-8 at ${where} (0x${hex}): ${why}, so it was read as UTF-8, but this byte is not (text saved as Windows-1252 or Latin-1, such as an é from Excel's plain "CSV" on Windows, looks like this). Nothing was imported. Save the file as UTF-8 (in Excel: "CSV UTF-8") and import it again`,
  );
}

function fileRun(file: string): FileRun {
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
    content: null,
    startedAt: Date.now(),
    ins: null,
    summary: {
      file,
      rowsRead: 0,
      added: 0,
      usersAdded: 0,
      skipped: 0,
      skippedByReason: {},
      warnings: {},
      seconds: 0,
    },
  };
}

export async function ingest(job: IngestJob, hooks: IngestHooks = {}): Promise<ImportSummary[]> {
  const db = openConnection(job.workspace);
  let committed = false;
  const opts = job.options;
  try {
    // The inserting thread takes a while to start (its modules, its connection): it starts now
    // (or was started by the worker's entry), while this thread inspects the files, and stops if
    // they turn out not to suit it.
    let early =
      job.pipeline !== false && (opts.kind ?? "events") === "events" ? new PipeStore(job.workspace) : null;
    let runs: FileRun[];
    let seen: Seen | null;
    try {
      runs = job.files.map(fileRun);
      seen = opts.force ? null : new Seen(db);
      await seen?.before(runs);
      const tz =
        opts.timezone ??
        get<{ timezone: string }>(db, sql`SELECT timezone FROM meta WHERE id = 1`)?.timezone ??
        "UTC";
      for (const run of runs) run.ins = await inspectFile(run.file, opts, tz);
    } catch (err) {
      await early?.discard();
      throw err;
    }
    // Two threads pay off for event files; user imports merge attributes row by row and insert ids
    // need each row's duplicate verdict, so those stay on this thread. Identity links and user
    // attributes from event rows are gathered on this thread by the row encoders either way.
    const allEvents = runs.every((r) => r.ins?.mapping.kind === "events");
    const pipe = early !== null && allEvents && runs.every((r) => (r.ins?.mapping.insertIdCol ?? 0) < 0);
    if (!pipe && early) {
      await early.discard();
      early = null;
    }
    // the two-thread import keys users by their bytes (user-dict.ts), not by this Map
    const dict = readDictionaries(db, !pipe);
    if (early) early.setUsers(UserDict.read(db));
    let importId = (get<{ m: number | null }>(db, sql`SELECT max(id) AS m FROM imports`)?.m ?? 0) + 1;
    const columns = job.columns !== false;
    // the one-thread writer keeps the rows it wrote for the timeline only when it is to be saved
    const store: Store = early ?? new LocalStore(db, allEvents && columns);
    let saved = false;
    try {
      const hadWarnings = importWarningsTable(db);
      store.begin(dict);
      for (const run of runs) {
        run.startedAt = Date.now();
        await importFile(store, run, importId++, dict, opts, hooks, hadWarnings, seen);
      }
      store.run(sql`UPDATE meta SET modified_at = ${Date.now()} WHERE id = 1`);
      // the last phase: the commit, with the engine's columns when the store can build them
      if (columns) hooks.phase?.("columns");
      saved = await store.commit(columns);
    } catch (error) {
      await store.rollback();
      // a copy found once read is refused as one found before: without a line in the log
      if (!(error instanceof StrataError && error.code === "duplicate_import"))
        logFailure(db, runs, opts, error);
      throw error;
    }
    // The engine's saved columnar copy, rebuilt here (off the app's main thread) so that the next
    // open is a plain load. The events are committed either way: a failure here only costs speed.
    if (columns && !saved) {
      try {
        persistColumns(db);
      } catch (caught) {
        // the events are committed; the engine rebuilds stale columns on open, but say so
        warnColumnsNotSaved(caught);
      }
    }
    committed = true;
    return runs.map((r) => r.summary);
  } finally {
    if (committed) closeLater(db);
    else db.close();
  }
}

/**
 * Checkpoints the WAL the import wrote, after the caller has had the answer: the events are
 * committed and readable already, and a passive checkpoint does not block readers. A process that
 * ends first leaves the WAL for the next open or close of the workspace to checkpoint.
 */
function closeLater(db: Database.Database): void {
  setTimeout(() => {
    try {
      db.pragma("wal_checkpoint(PASSIVE)");
      leaveInRollbackMode(db);
    } catch {
      // a later checkpoint, and the workspace's own close, do the same work
    } finally {
      db.close();
    }
  }, 0);
}

function logFailure(db: Database.Database, runs: FileRun[], opts: ImportOptions, err: unknown): void {
  const status = err instanceof StrataError && err.code === "cancelled" ? "cancelled" : "failed";
  const message = err instanceof Error ? err.message : String(err);
  const stmt = statement(db)`INSERT INTO imports (file_name, file_path, file_size, file_hash, kind, options,
     started_at, finished_at, status, rows_read, skipped_by_reason, seconds)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
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
