import { outOfBounds } from "../typed-index.ts";
// The columnar timeline: the engine's copy of a workspace's events, ordered by (user, time, seq), so
// that every behavioral query is one forward pass per user over typed arrays.
//
// Layout (n = events, u = users of the workspace, including users with no events):
//   userOffsets  Int32Array(u + 1)  events of user index i are positions [userOffsets[i], userOffsets[i+1])
//   eventCodes   Uint16Array(n)     event-name code = event_names.id (eventNames[code] is its name)
//   times        Float64Array(n)    ms since the epoch (UTC); never rounded to seconds
//   seqs         Int32Array(n)      events.seq (import order); ties in time are already in seq order
//   userIds      Int32Array(u)      users.id of user index i (user indexes follow users.id order)
//   createdAt    Float64Array(u)    users.created_at in ms, NaN when not imported
//
// Property columns are loaded on first use and cached (see PropColumn). Positions are stable for
// the life of one Timeline; an import produces a new Timeline (the engine rebuilds on invalidate()).

/** Value kinds in a PropColumn's `tag`. */
export const TAG_MISSING = 0; // absent or null
export const TAG_NUMBER = 1;
export const TAG_STRING = 2;
export const TAG_BOOL = 3; // num holds 0 or 1

/**
 * One property, one slot per event position (event properties) or per user index (user
 * attributes). Strings are dictionary-encoded: str[i] indexes dict.
 */
export interface PropColumn {
  readonly tag: Uint8Array;
  readonly num: Float64Array;
  readonly str: Int32Array;
  readonly dict: readonly string[];
  /** never set: keeps a SparseProp, whose slots are not events, from passing for a column */
  readonly at?: never;
}

/**
 * The same property's values only where an event has one, in event order: `at[k]` is the k-th such
 * event position, and `tag[k]` (never TAG_MISSING), `num[k]`, `str[k]` its value as in a PropColumn
 * (`num` or `str` empty when no value uses it). What a query that reads a property at the events
 * of one name walks (a purchase's price: 2.6-5% of the benches' events), where the column as long as
 * the events costs 9-13 bytes an event to read and to fault into fresh memory (900 MB at 100M).
 */
export interface SparseProp {
  readonly at: Int32Array;
  readonly tag: Uint8Array;
  readonly num: Float64Array;
  readonly str: Int32Array;
  readonly dict: readonly string[];
}

export type PropValue = string | number | boolean | null;

export interface Timeline {
  readonly nUsers: number;
  readonly nEvents: number;
  readonly userOffsets: Int32Array;
  readonly eventCodes: Uint16Array;
  readonly times: Float64Array;
  readonly seqs: Int32Array;
  readonly userIds: Int32Array;
  readonly createdAt: Float64Array;
  /** code -> name; index 0 and gaps are "" */
  readonly eventNames: readonly string[];
  /** the stamp of the events this timeline was built from (see stamp.ts) */
  readonly stamp: string;
  /** event-name code, or -1 when no event has that name */
  eventCode(name: string): number;
  /**
   * An event property column (cached after the first call). A name no imported event carries is an
   * invalid_request naming the known ones: a typo must not become a column of missing values.
   */
  propColumn(name: string): PropColumn;
  /**
   * the event property's values where events have one: of the events of `code` only, or of every
   * event when it is negative (cached; unknown names as for propColumn)
   */
  propValues(name: string, code?: number): SparseProp;
  /** throws what propColumn throws for a name no event carries, without reading the column */
  requireProperty(name: string): void;
  /** a user attribute column indexed by user index (cached); unknown names as for propColumn */
  userColumn(name: string): PropColumn;
  /** whether any imported event (scope "event") or user (scope "user") carries the property */
  hasProperty(scope: "event" | "user", name: string): boolean;
  /** users.external_id of user indexes (looked up in SQLite, for result pages) */
  externalIds(userIndexes: readonly number[]): string[];
  /** user index of a users.id, or -1 */
  userIndexOf(userId: number): number;
}

/** The value at slot i of a column, decoded (for results and slow paths; hot loops read arrays). */
export function columnValue(col: PropColumn, i: number): PropValue {
  switch (col.tag[i]) {
    case TAG_NUMBER:
      return col.num[i] ?? outOfBounds();
    case TAG_STRING:
      return col.dict[col.str[i] ?? outOfBounds()] ?? outOfBounds();
    case TAG_BOOL:
      return col.num[i] === 1;
    default:
      return null;
  }
}
