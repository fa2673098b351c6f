import type Database from "better-sqlite3";
import type { Query } from "../../src-preload/contract/queries.ts";
import { Segment } from "../../src-preload/contract/segment.ts";
import { AsOfSetting } from "../../src-preload/contract/settings.ts";
import { readMeta } from "../workspace/settings.ts";
import { type ChContext, type ChSettings, makeChContext } from "./compile/context.ts";
import { runFunnelOn } from "./compile/funnel-result.ts";
import { runLifecycleOn } from "./compile/lifecycle.ts";
import { runMembersOn } from "./compile/members.ts";
import { refuse } from "./compile/refuse.ts";
import { runRetentionOn } from "./compile/retention.ts";
import { segmentSql } from "./compile/segment.ts";
import { runStickinessOn } from "./compile/stickiness.ts";
import type { ChHttp } from "./http.ts";

// The ClickHouse engine: the same query documents as the local engine (engine/local.ts), compiled
// to SQL over Strata's layout on a cluster, with the same JSON out. A kind or field it cannot answer
// exactly is refused by name (exit code 2 in the CLI), never answered approximately.

export const CLICKHOUSE_KINDS = [
  "segmentCount",
  "segmentMembers",
  "funnel",
  "retention",
  "lifecycle",
  "stickiness",
] as const;

export interface ChSource {
  settings(): Promise<ChSettings>;
  savedSegment(id: string): Segment | undefined;
}

/** Settings and saved segments from the workspace the events were pushed from. */
export function workspaceSource(db: Database.Database): ChSource {
  return {
    async settings() {
      const m = readMeta(db);
      const row = db.prepare("SELECT max(last_time) AS t FROM event_names").get() as { t: number | null };
      return { timezone: m.timezone, weekStart: m.weekStart, asOf: m.asOf, latestEventMs: row.t };
    },
    savedSegment(id) {
      const row = db.prepare("SELECT type, definition FROM saved_items WHERE id = ?").get(id) as
        | { type: string; definition: string }
        | undefined;
      if (row?.type !== "segment") return undefined;
      const parsed = Segment.safeParse(JSON.parse(row.definition));
      return parsed.success ? parsed.data : undefined;
    },
  };
}

/** No workspace (`clickhouse://`): the settings `strata push` left in the cluster's meta table. */
export function clusterSource(ch: ChHttp): ChSource {
  return {
    async settings() {
      const rows = await ch.rows<{ key: string; value: string }>(
        "SELECT key, argMax(value, version) AS value FROM meta GROUP BY key",
      );
      const get = (k: string) => rows.find((r) => r.key === k)?.value;
      const [t] = await ch.rows<{ t: number; n: number }>("SELECT max(time) AS t, count() AS n FROM events");
      let asOf: AsOfSetting = { mode: "latest" };
      try {
        const parsed = AsOfSetting.safeParse(JSON.parse(get("asOf") ?? "null"));
        if (parsed.success) asOf = parsed.data;
      } catch {
        // a damaged setting falls back to the default, as the workspace does
      }
      const ws = get("weekStart");
      return {
        timezone: get("timezone") ?? "UTC",
        weekStart: ws === "sunday" ? "sunday" : "monday",
        asOf,
        latestEventMs: t && t.n > 0 ? t.t : null,
      };
    },
    savedSegment: () => undefined,
  };
}

export class ClickHouseEngine {
  private readonly ch: ChHttp;
  private readonly source: ChSource;

  constructor(ch: ChHttp, source: ChSource) {
    this.ch = ch;
    this.source = source;
  }

  private async context(q: { timezone?: string; weekStart?: "monday" | "sunday" }): Promise<ChContext> {
    return makeChContext(await this.source.settings(), q, (id) => this.source.savedSegment(id));
  }

  async run(query: Query, signal?: AbortSignal): Promise<unknown> {
    const ch = this.ch;
    switch (query.kind) {
      case "segmentCount": {
        const ctx = await this.context(query);
        const [row] = await ch.rows<{ users: number; ofTotal: number }>(
          `SELECT countIf(${segmentSql(ctx, query.segment)}) AS users, count() AS ofTotal FROM users FINAL`,
          {},
          signal,
        );
        return { users: row?.users ?? 0, ofTotal: row?.ofTotal ?? 0 };
      }
      case "segmentMembers":
        return runMembersOn(ch, await this.context(query), query, signal);
      case "funnel":
        return runFunnelOn(ch, await this.context(query), query, signal);
      case "retention":
        return runRetentionOn(ch, await this.context(query), query, signal);
      case "lifecycle":
        return runLifecycleOn(ch, await this.context(query), query, signal);
      case "stickiness":
        return runStickinessOn(ch, await this.context(query), query, signal);
      default:
        return refuse(`kind "${query.kind}"`, `the cluster answers ${CLICKHOUSE_KINDS.join(", ")}`);
    }
  }
}
