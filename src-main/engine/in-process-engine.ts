import type Database from "better-sqlite3";
import { StrataError } from "../../src-preload/contract/errors.ts";
import type { QueryKind, QueryOf, ResultOf } from "../../src-preload/contract/query-kinds.ts";
import type { Segment } from "../../src-preload/contract/segment.ts";
import type { ArrayTimeline } from "./columns/timeline.ts";
import { openTimeline } from "./columns/timeline.ts";
import { makeContext } from "./context.ts";
import type { QueryEngine } from "./engine.ts";
import { runKind } from "./kinds.ts";
import { memberIdsOf } from "./members.ts";
import { readSettings } from "./read-settings.ts";
import { evalSegment } from "./segment.ts";

/**
 * Runs queries in the calling thread: the timeline is opened on first use and kept until
 * invalidate(). Used by the query worker, by the one-shot CLI and by tests.
 */
export class InProcessEngine implements QueryEngine {
  private readonly db: Database.Database;
  private tl: ArrayTimeline | null = null;
  private readonly lazy: boolean;

  private readonly unknownAsMissing: boolean;

  private readonly saveVia: (() => Database.Database | null) | undefined;

  /**
   * `lazy`: columns few queries read load on first use (right for one query, as in the CLI).
   * `unknownAsMissing`: a property no event carries reads as missing instead of being rejected (for
   * counting what a saved segment becomes once a share copy has removed the property).
   * `saveVia`: for a read-only `db`, a writable connection (opened on first need, null when none can
   * be had) that the columns this engine has to build are saved through, so the next open reads them.
   */
  constructor(
    db: Database.Database,
    opts: { lazy?: boolean; unknownAsMissing?: boolean; saveVia?: () => Database.Database | null } = {},
  ) {
    this.unknownAsMissing = opts.unknownAsMissing ?? false;
    this.saveVia = opts.saveVia;
    this.db = db;
    this.lazy = opts.lazy ?? false;
  }

  timeline(): ArrayTimeline {
    if (!this.tl)
      this.tl = openTimeline(this.db, {
        save: !this.db.readonly,
        lazy: this.lazy,
        unknownAsMissing: this.unknownAsMissing,
        ...(this.saveVia ? { saveVia: this.saveVia } : {}),
      });
    return this.tl;
  }

  async run<K extends QueryKind>(query: QueryOf<K>, signal?: AbortSignal): Promise<ResultOf<K>> {
    const ctx = makeContext(this.timeline(), this.db, readSettings(this.db), query, signal);
    try {
      return await runKind(ctx, query);
    } catch (e) {
      if (signal?.aborted) throw new StrataError("cancelled", "the query was cancelled by a newer one");
      throw e;
    }
  }

  async memberIds(segment: Segment, signal?: AbortSignal, timezone?: string): Promise<Int32Array> {
    const ctx = makeContext(
      this.timeline(),
      this.db,
      readSettings(this.db),
      timezone ? { timezone } : {},
      signal,
    );
    try {
      return memberIdsOf(ctx, await evalSegment(ctx, segment));
    } catch (e) {
      if (signal?.aborted) throw new StrataError("cancelled", "the query was cancelled by a newer one");
      throw e;
    }
  }

  invalidate(): void {
    this.tl = null;
  }

  async close(): Promise<void> {
    this.tl = null;
  }
}
