import type Database from "better-sqlite3";
import type { QueryKind, QueryOf, ResultOf } from "../../src-preload/contract/query-kinds.ts";
import { Segment } from "../../src-preload/contract/segment.ts";
import { AsOfSetting } from "../../src-preload/contract/settings.ts";
import { all, get, sql } from "../db/sql.ts";
import { answerKind } from "../engine/kind-table.ts";
import { defaultExcluded, parseExcluded, readActivity } from "../workspace/activity.ts";
import { readMeta } from "../workspace/settings.ts";
import type { ChSettings } from "./compile/context.ts";
import { answerPathLabels, NeedPathLabels, type PathLabels } from "./compile/paths-condition.ts";
import type { ChClient } from "./http.ts";
import { type ChRun, clickhouseKinds } from "./kinds.ts";
import { checkingProperties, type Scope } from "./known-properties.ts";

/** The client with `beforeSend` awaited before every request (the unknown-property check). */
function checkedClient(ch: ChClient, beforeSend: () => Promise<void>): ChClient {
  return {
    target: ch.target,
    on: (database) => checkedClient(ch.on(database), beforeSend),
    async text(q, settings, signal) {
      await beforeSend();
      return ch.text(q, settings, signal);
    },
    async exec(q, settings) {
      await beforeSend();
      return ch.exec(q, settings);
    },
    async rows<T>(q: string, settings?: Parameters<ChClient["rows"]>[1], signal?: AbortSignal): Promise<T[]> {
      await beforeSend();
      return ch.rows<T>(q, settings, signal);
    },
    async insert(q, lines, settings) {
      await beforeSend();
      return ch.insert(q, lines, settings);
    },
  };
}

// The ClickHouse engine: the same query documents as the local engine (engine/in-process-engine.ts), compiled
// to SQL over Strata's layout on a cluster, with the same JSON out. A kind or field it cannot answer
// exactly is refused by name (exit code 2 in the CLI), never answered approximately.

export interface ChSource {
  settings(): Promise<ChSettings>;
  savedSegment(id: string): Segment | undefined;
  /** the property names events (or users) carry, for the unknown-name error (known-properties.ts) */
  knownProperties(scope: Scope): Promise<ReadonlySet<string>>;
}

/** Settings and saved segments from the workspace the events were pushed from. */
export function workspaceSource(db: Database.Database): ChSource {
  return {
    async settings() {
      const m = readMeta(db);
      const row = get<{ t: number | null }>(db, sql`SELECT max(last_time) AS t FROM event_names`);
      return {
        timezone: m.timezone,
        weekStart: m.weekStart,
        asOf: m.asOf,
        latestEventMs: row?.t ?? null,
        notActivity: readActivity(db).exclude,
      };
    },
    savedSegment(id) {
      const row = get<{ type: string; definition: string }>(
        db,
        sql`SELECT type, definition FROM saved_items WHERE id = ${id}`,
      );
      if (row?.type !== "segment") return undefined;
      const parsed = Segment.safeParse(JSON.parse(row.definition));
      return parsed.success ? parsed.data : undefined;
    },
    async knownProperties(scope) {
      const rows =
        scope === "event"
          ? all<{ name: string }>(db, sql`SELECT DISTINCT name FROM event_properties`)
          : all<{ name: string }>(db, sql`SELECT name FROM user_properties`);
      return new Set(rows.map((r) => r.name));
    },
  };
}

/** No workspace (`clickhouse://`): the settings `strata push` left in the cluster's meta table. */
export function clusterSource(ch: ChClient): ChSource {
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
        notActivity: await clusterActivity(ch, get("activity")),
        timezone: get("timezone") ?? "UTC",
        weekStart: ws === "sunday" ? "sunday" : "monday",
        asOf,
        latestEventMs: t && t.n > 0 ? t.t : null,
      };
    },
    savedSegment: () => undefined,
    // the keys push wrote (rows.ts writes a key only for a number, string or boolean value, as the
    // workspace's catalog counts them): one scan of the key arrays, only for a query naming a property
    async knownProperties(scope) {
      const [table, keys] = scope === "event" ? ["events", "p_keys"] : ["users", "a_keys"];
      const rows = await ch.rows<{ k: string }>(`SELECT DISTINCT arrayJoin(${keys}) AS k FROM ${table}`);
      return new Set(rows.map((r) => r.k));
    },
  };
}

/**
 * The not-activity events `strata push` recorded; for a cluster pushed before it recorded them, the
 * workspace's default rule (message deliveries, by name) over the cluster's own event names.
 */
async function clusterActivity(ch: ChClient, pushed: string | undefined): Promise<string[]> {
  const recorded = pushed === undefined ? null : parseExcluded(pushed);
  if (recorded) return recorded;
  const names = await ch.rows<{ event: string }>("SELECT DISTINCT event FROM events");
  return defaultExcluded(names.map((r) => r.event).sort());
}

export class ClickHouseEngine {
  private readonly run_: ChRun;

  constructor(ch: ChClient, source: ChSource) {
    this.run_ = { ch, source };
  }

  /**
   * The query's answer, from the registry's ClickHouse table (kinds.ts); exact or refused by name.
   * A paths condition needs its query's labels before it compiles (compile/paths-condition.ts):
   * they are asked for and the query compiled again, as many times as it has such conditions.
   */
  async run<K extends QueryKind>(query: QueryOf<K>, signal?: AbortSignal): Promise<ResultOf<K>> {
    const labels: PathLabels = new Map();
    const inner = this.run_.source;
    const source: ChSource = {
      settings: async () => ({ ...(await inner.settings()), pathLabels: labels }),
      savedSegment: (id) => inner.savedSegment(id),
      knownProperties: (scope) => inner.knownProperties(scope),
    };
    const check = checkingProperties((scope) => inner.knownProperties(scope));
    const ch = checkedClient(this.run_.ch, check.beforeSend);
    for (;;) {
      try {
        const answer = await check.run(() => answerKind(clickhouseKinds, { ch, source, signal }, query));
        return answer.result;
      } catch (e) {
        if (!(e instanceof NeedPathLabels)) throw e;
        await answerPathLabels(this.run_.ch, e, labels, signal);
      }
    }
  }
}
