import type Database from "better-sqlite3";
import { StrataError } from "../../../src-preload/contract/errors.ts";
import { all, sql } from "../../db/sql.ts";
import { outOfBounds } from "../typed-index.ts";
import { indexInAscending } from "./ascending-search.ts";
import { buildArrays, type TimelineArrays } from "./build.ts";
import { sharedArrays } from "./column-builder.ts";
import { checkDenseIds } from "./dense-ids.ts";
import { loadColumns } from "./load.ts";
import { loadProp, saveProp } from "./prop-store.ts";
import { loadEventColumn, loadUserColumn } from "./props.ts";
import { expectedSaveFailure, warnColumnsNotSaved, writeColumns } from "./save.ts";
import { columnOfValues, mergeValues, noValues, valueCount, valuesByCode } from "./sparse-prop.ts";
import { loadValueLists, loadValues, saveValues, valuesSaved } from "./sparse-store.ts";
import type { PropColumn, SparseProp, Timeline } from "./types.ts";

/** A Timeline over arrays, with lazily loaded (and cached) property columns read from `db`. */
export class ArrayTimeline implements Timeline {
  readonly nUsers: number;
  readonly nEvents: number;
  readonly userOffsets: Int32Array;
  readonly eventCodes: Uint16Array;
  readonly times: Float64Array;
  readonly eventNames: readonly string[];
  readonly stamp: string;
  private readonly db: Database.Database;
  /** kept whole: seqs, userIds and createdAt may load on first access (see loadColumns) */
  private readonly arrays: TimelineArrays;
  private readonly codes = new Map<string, number>();
  private readonly props = new Map<string, PropColumn>();
  /** event property columns built from the events' JSON (for tests: the pool builds each once) */
  private built = 0;
  private readonly values = new Map<string, SparseProp>();
  /** every code's values of a property taken from its column where they could not be saved */
  private readonly unsaved = new Map<string, Map<number, SparseProp>>();
  private readonly userProps = new Map<string, PropColumn>();
  private posOfSeq: Int32Array | null = null;
  private readonly known = new Map<"event" | "user", Set<string>>();
  private idIndex: Int32Array | null = null;

  /** where loaded property columns are saved (a writable connection, or one opened on first need), or null */
  private readonly saveTo: SaveTarget;

  /** read a name no event or user carries as missing everywhere, instead of rejecting it */
  private readonly unknownAsMissing: boolean;

  constructor(
    db: Database.Database,
    a: TimelineArrays,
    saveTo: SaveTarget = null,
    opts: { unknownAsMissing?: boolean } = {},
  ) {
    this.unknownAsMissing = opts.unknownAsMissing ?? false;
    this.db = db;
    this.saveTo = saveTo;
    this.arrays = a;
    this.userOffsets = a.userOffsets;
    this.eventCodes = a.eventCodes;
    this.times = a.times;
    this.eventNames = a.eventNames;
    this.stamp = a.stamp;
    this.nUsers = a.userOffsets.length - 1;
    this.nEvents = a.times.length;
    a.eventNames.forEach((n, i) => {
      if (n !== "" && i > 0) this.codes.set(n, i);
    });
  }

  get seqs(): Int32Array {
    return this.arrays.seqs;
  }
  get userIds(): Int32Array {
    return this.arrays.userIds;
  }
  get createdAt(): Float64Array {
    return this.arrays.createdAt;
  }

  eventCode(name: string): number {
    return this.codes.get(name) ?? -1;
  }

  hasProperty(scope: "event" | "user", name: string): boolean {
    return this.catalog(scope).has(name);
  }

  /** The catalog's property names of a scope, read once (the timeline is rebuilt after an import). */
  private catalog(scope: "event" | "user"): Set<string> {
    let names = this.known.get(scope);
    if (!names) {
      const rows =
        scope === "event"
          ? all<{ name: string }>(this.db, sql`SELECT DISTINCT name FROM event_properties`)
          : all<{ name: string }>(this.db, sql`SELECT name FROM user_properties`);
      names = new Set(rows.map((r) => r.name));
      this.known.set(scope, names);
    }
    return names;
  }

  /** Throws an invalid_request naming the known properties when no event or user carries `name`. */
  private requireKnown(scope: "event" | "user", name: string): void {
    const names = this.catalog(scope);
    if (names.has(name) || this.unknownAsMissing) return;
    const sorted = [...names].sort();
    const shown = sorted.slice(0, 30).map((n) => JSON.stringify(n));
    const more = sorted.length > shown.length ? `, and ${sorted.length - shown.length} more` : "";
    const what = scope === "event" ? "event property" : "user attribute";
    throw new StrataError(
      "invalid_request",
      sorted.length === 0
        ? `unknown ${what} ${JSON.stringify(name)}: the workspace has no ${what === "event property" ? "event properties" : "user attributes"}`
        : `unknown ${what} ${JSON.stringify(name)}; known: ${shown.join(", ")}${more}`,
    );
  }

  propColumn(name: string): PropColumn {
    const cached = this.props.get(name);
    if (cached) return cached;
    this.requireKnown("event", name);
    let c = this.saved("event", name);
    if (c) this.props.set(name, c);
    else {
      if (!this.posOfSeq) {
        let max = 0;
        for (let i = 0; i < this.nEvents; i++)
          if ((this.seqs[i] ?? outOfBounds()) > max) max = this.seqs[i] ?? outOfBounds();
        checkDenseIds(this.db, "event", max, this.nEvents);
        // shared memory: a large column's helper thread reads it too (helper-build.ts)
        const m = new Int32Array(new SharedArrayBuffer((max + 1) * Int32Array.BYTES_PER_ELEMENT)).fill(-1);
        for (let i = 0; i < this.nEvents; i++) m[this.seqs[i] ?? outOfBounds()] = i;
        this.posOfSeq = m;
      }
      c = loadEventColumn(this.db, name, this.nEvents, this.posOfSeq);
      this.built++;
      this.keep("event", name, c);
      this.props.set(name, c);
    }
    return c;
  }

  requireProperty(name: string): void {
    this.requireKnown("event", name);
  }

  /**
   * The saved values when there are (a rare property is saved as its values, keep()); else taken
   * from the column, and saved.
   */
  propValues(name: string, code = -1): SparseProp {
    const key = `${Math.max(-1, code)}:${name}`;
    const cached = this.values.get(key);
    if (cached) return cached;
    this.requireKnown("event", name);
    const held = this.unsaved.get(name);
    let found = held ? pickValues(held, code, this.propColumn(name).dict) : null;
    found ??= loadValues(this.db, name, this.stamp, this.eventCodes, code);
    // a column built now saves a rare property as its values (keep)
    if (!found && !this.props.has(name)) {
      this.propColumn(name);
      found = loadValues(this.db, name, this.stamp, this.eventCodes, code);
    }
    found ??= this.takeValues(name, code);
    this.values.set(key, found);
    return found;
  }

  /** One code's values (every code's when negative), taken from the column with all the others. */
  private takeValues(name: string, code: number): SparseProp {
    return pickValues(this.takeAll(name), code, this.propColumn(name).dict);
  }

  /** Every code's values from the column: saved, or else kept (unsaved). */
  private takeAll(name: string): Map<number, SparseProp> {
    const col = this.propColumn(name);
    // taken once by code: what is saved, and what this query reads of it
    const byCode = valuesByCode(col, this.eventCodes);
    const saved = saveThrough(
      this.saveTo,
      (to) => saveValues(to, name, this.stamp, byCode, col.dict),
      `values of event property ${JSON.stringify(name)}`,
    );
    // kept where they could not be saved (a read-only or decrypted workspace): another event name's
    // query would otherwise take them from the column again
    if (!saved) this.unsaved.set(name, byCode);
    return byCode;
  }

  /**
   * Takes the property's values from its column and saves them, unless they are saved already:
   * one query worker does it before a query splits, so that the others read them saved instead of
   * each taking them too (pool.ts). Whether they are saved now.
   */
  saveValuesOf(name: string): boolean {
    this.requireKnown("event", name);
    if (valuesSaved(this.db, name, this.stamp)) return true;
    if (!this.unsaved.has(name)) this.takeAll(name);
    return valuesSaved(this.db, name, this.stamp);
  }

  /**
   * A column of this timeline's events read elsewhere (shared-prop.ts, by every query worker a share
   * each); one this timeline holds already is kept, and one built against other events is refused
   * (false).
   */
  adoptPropColumn(name: string, stamp: string, col: PropColumn): boolean {
    if (stamp !== this.stamp || col.tag.length !== this.nEvents) return false;
    if (!this.props.has(name)) this.props.set(name, col);
    return true;
  }

  /** How many event property columns this timeline built from the events' JSON. */
  get columnsBuilt(): number {
    return this.built;
  }

  /** Whether this timeline holds the event property's column (read, built or adopted). */
  holdsPropColumn(name: string): boolean {
    return this.props.has(name);
  }

  userIndexOf(userId: number): number {
    if (!this.idIndex) {
      const max = this.nUsers > 0 ? (this.userIds[this.nUsers - 1] ?? outOfBounds()) : 0;
      // ids far sparser than the persons (a file made so: one id of 2^31 - 1 is an 8 GB index) are
      // found by halving the ascending ids instead; merged-away users leave gaps a few times over
      if (max > SPARSE_FACTOR * this.nUsers + SPARSE_SLACK)
        return indexInAscending(this.userIds, this.nUsers, userId);
      const m = new Int32Array(max + 1).fill(-1);
      for (let i = 0; i < this.nUsers; i++) m[this.userIds[i] ?? outOfBounds()] = i;
      this.idIndex = m;
    }
    return this.idIndex[userId] ?? -1;
  }

  userColumn(name: string): PropColumn {
    const cached = this.userProps.get(name);
    if (cached) return cached;
    this.requireKnown("user", name);
    let c = this.saved("user", name);
    if (c) this.userProps.set(name, c);
    else {
      c = loadUserColumn(this.db, name, (id) => this.userIndexOf(id), this.nUsers);
      this.keep("user", name, c);
      this.userProps.set(name, c);
    }
    return c;
  }

  /** The saved column; for an event property whose column is not saved, the one its saved values make. */
  private saved(scope: "event" | "user", name: string): PropColumn | null {
    const c = loadProp(this.db, scope, name, this.stamp);
    if (c && c.tag.length === (scope === "event" ? this.nEvents : this.nUsers)) return c;
    if (scope === "user") return null;
    const values = loadValueLists(this.db, name, this.stamp, this.eventCodes);
    // in shared memory, as a built column is: the pool's other workers adopt it (pool.ts)
    return values && columnOfValues(values.lists, values.dict, sharedArrays(this.nEvents));
  }

  /**
   * Saves a column just built: a rare property (on at most a quarter of the events) as its values
   * only, 13-17 bytes an event that has one, which revenue or rfm read as they are and any other
   * query turns back into the column (saved()); any other as the column, 13 bytes an event. At 100M
   * events a price on 23% of them was 1.3 GB of column written beside 0.3 GB of values.
   */
  private keep(scope: "event" | "user", name: string, c: PropColumn): void {
    saveThrough(
      this.saveTo,
      (to) => {
        if (scope === "event" && valueCount(c.tag) <= this.nEvents / 4)
          saveValues(to, name, this.stamp, valuesByCode(c, this.eventCodes), c.dict);
        else saveProp(to, scope, name, this.stamp, c);
      },
      `${scope} property ${JSON.stringify(name)}`,
    );
  }

  /** One statement for the whole page (ids bound as one JSON array), not one lookup per user. */
  externalIds(userIndexes: readonly number[]): string[] {
    if (userIndexes.length === 0) return [];
    const ids = userIndexes.map((i) => this.userIds[i] ?? outOfBounds());
    const rows = all<{ id: number; external_id: string }>(
      this.db,
      sql`SELECT id, external_id FROM users WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
    );
    const byId = new Map(rows.map((r) => [r.id, r.external_id]));
    return ids.map((id) => byId.get(id) ?? "");
  }
}

/**
 * A writable connection to the workspace that columns built by a read-only open are saved through,
 * or a function that opens one on first need (null when it cannot: the workspace is busy, locked by
 * the app, or on read-only storage).
 */
export type SaveTarget = Database.Database | (() => Database.Database | null) | null;

/**
 * The timeline of a workspace: the saved columns when they are current, else built from the
 * events (and saved again when the connection may write, or through `saveVia` when it may not).
 */
export function openTimeline(
  db: Database.Database,
  opts: {
    save?: boolean;
    shared?: boolean;
    lazy?: boolean;
    unknownAsMissing?: boolean;
    saveVia?: () => Database.Database | null;
  } = {},
): ArrayTimeline {
  let arrays = loadColumns(db, opts.shared ?? false, opts.lazy ?? false);
  const save = opts.save === true && !db.readonly;
  const target: SaveTarget = save ? db : (opts.saveVia ?? null);
  if (!arrays) {
    const built = buildArrays(db);
    if (save) writeColumns(db, built);
    else if (opts.saveVia) saveThrough(opts.saveVia, (to) => writeColumns(to, built));
    arrays = built;
  }
  return new ArrayTimeline(db, arrays, target, { unknownAsMissing: opts.unknownAsMissing ?? false });
}

/**
 * Saves what `write` writes through the target, when a writable connection can be had. A busy or
 * read-only workspace is expected (the columns are read again next time); any other failure costs
 * every later open or query that read again, and is said. `what`: the column, when not the timeline.
 */
function saveThrough(target: SaveTarget, write: (to: Database.Database) => void, what?: string): boolean {
  const to = typeof target === "function" ? target() : target;
  if (!to) return false;
  try {
    write(to);
    return true;
  } catch (e) {
    if (!expectedSaveFailure(e)) warnColumnsNotSaved(e, what);
    return false;
  }
}

/** One code's values (every code's merged when `code` is negative). */
function pickValues(
  byCode: ReadonlyMap<number, SparseProp>,
  code: number,
  dict: readonly string[],
): SparseProp {
  return code >= 0 ? (byCode.get(code) ?? noValues(dict)) : mergeValues([...byCode.values()], dict);
}

const SPARSE_FACTOR = 16;
const SPARSE_SLACK = 1 << 20;
