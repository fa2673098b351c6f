import path from "node:path";
import type Database from "better-sqlite3";
import { StrataError } from "../../src-preload/contract/errors.ts";
import type { ImportOptions } from "../../src-preload/contract/methods/import.ts";
import { all, sql } from "../db/sql.ts";
import { fileHash } from "./text-source.ts";

// Refusing a file imported before, or given twice in one job, by its bytes or (gzip) its content.

/** A file of an import job, as the duplicate check knows it. */
export interface SeenFile {
  file: string;
  /** sha256 of the file's bytes; "" until hashed */
  hash: string;
  size: number;
  /** a gzip file's content as read (unzipped), once read whole; null for plain text, equal to its bytes */
  content: { hash: string; size: number } | null;
}

/** The keys of the import log's options (JSON) that hold a gzip file's content hash and size. */
const CONTENT_HASH = "contentSha256";
const CONTENT_SIZE = "contentSize";

interface Earlier {
  file_name: string;
  started_at: number;
  /** the hash is of that file's content, unzipped, not of its bytes */
  zipped?: boolean;
}

/**
 * The identities of the files imported before (the hash of their bytes and, for gzip files logged
 * since the content is hashed, of their unzipped content) and of this job's files, for refusing a
 * file imported before, or given twice in one job. A file matches an earlier one by its bytes (so
 * a workspace whose log holds only the bytes' hashes still refuses the same .csv.gz) or by its
 * content (a .csv.gz of a .csv imported before, or the other way round).
 */
export class Seen {
  private readonly earlier = new Map<string, Earlier>();
  private readonly sizes = new Set<number>();
  private readonly job = new Map<string, SeenFile>();

  constructor(db: Database.Database) {
    // the log is the file's, and the file may be anyone's: options that are not JSON hold no hash
    const rows = all<
      Earlier & { file_hash: unknown; file_size: unknown; content_hash: unknown; content_size: unknown }
    >(
      db,
      sql`SELECT file_name, started_at, file_hash, file_size,
            CASE WHEN json_valid(options) THEN json_extract(options, ${`$.${CONTENT_HASH}`}) END AS content_hash,
            CASE WHEN json_valid(options) THEN json_extract(options, ${`$.${CONTENT_SIZE}`}) END AS content_size
          FROM imports WHERE status = 'done' ORDER BY id`,
    );
    const add = (hash: unknown, earlier: Earlier) => {
      if (typeof hash === "string" && hash !== "" && !this.earlier.has(hash)) this.earlier.set(hash, earlier);
    };
    for (const row of rows) {
      const earlier = { file_name: row.file_name, started_at: row.started_at };
      add(row.file_hash, earlier);
      add(row.content_hash, { ...earlier, zipped: true });
      for (const size of [row.file_size, row.content_size])
        if (typeof size === "number") this.sizes.add(size);
    }
  }

  /**
   * Two files can only be the same when their sizes are (a plain file's size is its content's): a
   * file whose size no earlier import and no other file of the job has is not hashed here, in a
   * pass of its own (a tenth of the import's time for a large CSV), but while it is read for the
   * import (importFile; `hash` stays "" until then), and checked then by afterRead.
   */
  async before(runs: SeenFile[]): Promise<void> {
    for (const run of runs) {
      const twinSize = runs.some((other) => other !== run && other.size === run.size);
      if (!twinSize && !this.sizes.has(run.size)) continue;
      run.hash = await fileHash(run.file);
      this.check(run, run.hash, false);
    }
  }

  /**
   * After the file was read for the import: a gzip file's content, known only now (unzipping it
   * in a pass of its own would double its reading time), and a plain file hashed while read.
   */
  afterRead(run: SeenFile): void {
    this.check(run, run.hash, false);
    if (run.content) this.check(run, run.content.hash, true);
  }

  private check(run: SeenFile, hash: string, byContent: boolean): void {
    const name = path.basename(run.file);
    const before = this.earlier.get(hash);
    if (before) {
      const date = new Date(before.started_at).toISOString().slice(0, 10);
      // how the two differ: this file unzipped is that one, or the other way round, or both unzipped
      const how = before.zipped
        ? byContent
          ? ", zipped otherwise"
          : ", zipped"
        : byContent
          ? ", unzipped"
          : "";
      throw new StrataError(
        "duplicate_import",
        `${name} was imported before${how} (as ${before.file_name} on ${date}); import it again with --force`,
      );
    }
    const twin = this.job.get(hash);
    if (twin && twin !== run)
      throw new StrataError(
        "duplicate_import",
        byContent || twin.content?.hash === hash
          ? `${run.file} and ${twin.file} hold the same data (one of them unzipped)`
          : `${run.file} and ${twin.file} are the same file`,
      );
    this.job.set(hash, run);
  }
}

/**
 * The options as the import log keeps them, with a gzip file's content hash and size: in the log's
 * JSON column, as a new column would need a format migration, and file_hash keeps the bytes' hash
 * that earlier versions of Strata compare with.
 */
export function withContentHash(opts: ImportOptions, content: SeenFile["content"]): object {
  return content ? { ...opts, [CONTENT_HASH]: content.hash, [CONTENT_SIZE]: content.size } : opts;
}
