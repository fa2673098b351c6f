import type Database from "better-sqlite3";
import { StrataError } from "../../src-preload/contract/errors.ts";
import type { Query } from "../../src-preload/contract/queries.ts";
import type { Segment } from "../../src-preload/contract/segment.ts";
import type { ArrayTimeline } from "./columns/timeline.ts";
import { openTimeline } from "./columns/timeline.ts";
import { makeContext, readSettings } from "./context.ts";
import { memberIdsOf } from "./members.ts";
import { runSpecQuery } from "./run.ts";
import { evalSegment } from "./segment.ts";

/**
 * Runs queries in the calling thread: the timeline is opened on first use and kept until
 * invalidate(). Used by the query worker, by the one-shot CLI and by tests.
 */
export class LocalEngine {
  private readonly db: Database.Database;
  private tl: ArrayTimeline | null = null;
  private readonly lazy: boolean;

  /** `lazy`: columns few queries read load on first use (right for one query, as in the CLI) */
  constructor(db: Database.Database, opts: { lazy?: boolean } = {}) {
    this.db = db;
    this.lazy = opts.lazy ?? false;
  }

  timeline(): ArrayTimeline {
    if (!this.tl) this.tl = openTimeline(this.db, { save: !this.db.readonly, lazy: this.lazy });
    return this.tl;
  }

  async run(query: Query, signal?: AbortSignal): Promise<unknown> {
    const q = query as Query & { timezone?: string; weekStart?: "monday" | "sunday" };
    const ctx = makeContext(this.timeline(), this.db, readSettings(this.db), q, signal);
    try {
      return await runSpecQuery(ctx, query);
    } catch (e) {
      if (signal?.aborted) throw new StrataError("cancelled", "the query was cancelled by a newer one");
      throw e;
    }
  }

  async memberIds(segment: Segment, signal?: AbortSignal): Promise<Int32Array> {
    const ctx = makeContext(this.timeline(), this.db, readSettings(this.db), {}, signal);
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
}
