import { StrataError } from "../../src-preload/contract/errors.ts";
import type { ImportOptions } from "../../src-preload/contract/methods/import.ts";
import { outOfBounds } from "../engine/typed-index.ts";
import { columnGrouping, type Grouping, numberOf, readsGrouping } from "./number-text.ts";
import { detectPreset, GENERIC, norm, type Preset, presetByName } from "./presets.ts";
import { AmbiguousDayMonth, type DetectedTime, detectTimeFormat, timeParserFor } from "./time-parse.ts";

// Which column plays which role, and the type of every property column, decided once from a sample
// of rows, so that the per-row work is a fixed list of conversions.

/** The columns for an error; an empty list says why instead of printing "(columns: )". */
function columnList(columns: readonly string[]): string {
  if (columns.length === 0) return "the file has no columns: it is empty or could not be read as a table";
  const shown = columns.slice(0, 30).map((c) => (c === "" ? '""' : c));
  return `columns: ${shown.join(", ")}${columns.length > 30 ? `, … ${columns.length - 30} more` : ""}`;
}

/** The time column's format from its sampled values; refused when they cannot tell day from month. */
function columnTime(file: string, column: string, values: unknown[], tz: string): DetectedTime | null {
  try {
    return detectTimeFormat(values, tz);
  } catch (e) {
    if (!(e instanceof AmbiguousDayMonth)) throw e;
    throw new StrataError(
      "bad_input",
      `${file}: the times in column "${column}" read both month-first and day-first (is "${e.example}" ${e.monthFirst} or ${e.dayFirst}?), and the rows after the first ones may read either way; give the order with --time-format "${e.monthFirst}" or --time-format "${e.dayFirst}"`,
    );
  }
}

export type ColType = "number" | "string" | "boolean" | "auto";
export type Role = "user" | "event" | "time" | "insertId" | "createdAt" | "property" | "userAttr" | "skip";

export interface PropColumn {
  col: number;
  key: string;
  type: ColType;
  /** how a number column reads thousands separators */
  grouping: Grouping;
}

export interface Mapping {
  kind: "events" | "users";
  preset: Preset;
  columns: string[];
  roles: Role[];
  userCols: number[];
  eventCol: number;
  eventName: string | null;
  /** the time column for events, created_at for users; -1 when absent */
  timeCol: number;
  time: DetectedTime | null;
  insertIdCol: number;
  props: PropColumn[];
  /** the quantity and price columns that revenue is derived from, and how they read `1,299.00` */
  revenue: { q: number; p: number; grouping: Grouping } | null;
  /** JSON keys seen for the first time mid-file become properties with this prefix rule */
  stripPrefixes: string[];
  /** event imports: columns that are user attributes of the row's user (PostHog's person.properties.*) */
  attrs: PropColumn[];
  /** identity merge: the anonymous and identified id columns of the preset found so far; null when off */
  identity: IdentityColumns | null;
}

export interface IdentityColumns {
  anon: number[];
  ident: number[];
  aliases: string[];
}

/** The user attribute key of a column, or null when the column is not under one of the prefixes. */
export function attrKey(name: string, prefixes: readonly string[] | undefined): string | null {
  if (!prefixes) return null;
  for (const p of prefixes) if (name.startsWith(p) && name.length > p.length) return name.slice(p.length);
  return null;
}

/** Where column `name` belongs in the preset's identity columns: "anon", "ident" or null. */
export function identitySide(preset: Preset, name: string): "anon" | "ident" | null {
  const id = preset.identity;
  if (!id) return null;
  const n = norm(name);
  if (id.anonymous.some((a) => norm(a) === n)) return "anon";
  if (id.identified.some((a) => norm(a) === n)) return "ident";
  return null;
}

const BOOLEAN = /^(true|false)$/i;

/** A column is a number only when every sampled value is one that survives the trip to a double. */
export function detectType(values: unknown[], grouping: Grouping): ColType {
  const strs = values.filter((v): v is string => typeof v === "string" && v !== "");
  if (
    strs.length === 0 ||
    strs.length !== values.filter((v) => v !== "" && v !== null && v !== undefined).length
  )
    return "auto";
  if (strs.every((v) => BOOLEAN.test(v))) return "boolean";
  return strs.every((v) => numberOf(v, grouping) !== null) ? "number" : "string";
}

function findColumn(columns: string[], names: readonly string[]): number {
  const normed = columns.map(norm);
  for (const n of names) {
    const i = normed.indexOf(norm(n));
    if (i >= 0) return i;
  }
  return -1;
}

function named(columns: string[], name: string, option: string, file: string): number {
  let i = columns.indexOf(name);
  if (i < 0) i = findColumn(columns, [name]);
  if (i < 0)
    throw new StrataError(
      "bad_input",
      `${file}: there is no column "${name}" (from ${option}); the columns are ${columns.join(", ")}`,
    );
  return i;
}

/** The property an events import derives from the preset's quantity and price columns. */
export const REVENUE_KEY = "revenue";

/**
 * The prefixes dropped from property names (the preset's, then a JSON export's `properties.`):
 * the import and its preview both name properties by them.
 */
export function propertyPrefixes(preset: Preset): string[] {
  return [...preset.stripPrefixes, "properties."];
}

/**
 * The property key of column `key`: without the first of `prefixes` it starts with, unless
 * `taken` (another column has that name).
 */
export function stripKey(key: string, prefixes: string[], taken: (k: string) => boolean): string {
  for (const p of prefixes) {
    if (key.startsWith(p) && key.length > p.length) {
      const k = key.slice(p.length);
      if (!taken(k)) return k;
    }
  }
  return key;
}

/** The preset named by the options, else the one the columns match. */
export function choosePreset(columns: string[], opts: ImportOptions): Preset {
  const preset = opts.preset
    ? presetByName(opts.preset)
    : opts.eventName && (opts.kind ?? "events") === "events"
      ? (presetByName(detectPreset(columns).name === "transactions" ? "transactions" : "generic") as Preset)
      : detectPreset(columns);
  if (!preset) throw new StrataError("invalid_request", `unknown preset "${opts.preset}"`);
  return preset;
}

export function planMapping(
  file: string,
  columns: string[],
  sample: unknown[][],
  opts: ImportOptions,
  tz: string,
  delimiter: string | null,
): Mapping {
  const kind = opts.kind ?? "events";
  const preset = choosePreset(columns, opts);
  const col = (i: number) => sample.map((r) => r[i]);
  const roles: Role[] = columns.map(() => "property");

  const userCols = opts.user
    ? [named(columns, opts.user, "--user", file)]
    : (kind === "users" ? GENERIC.user.concat(preset.user) : preset.user)
        .map((n) => findColumn(columns, [n]))
        .filter((i, k, a) => i >= 0 && a.indexOf(i) === k);
  if (userCols.length === 0)
    throw new StrataError(
      "bad_input",
      `${file}: no user id column found (${columnList(columns)}); name it with --user COL`,
    );
  // only the export presets name fallback ids (Segment's anonymousId); elsewhere the best match wins
  if (kind === "users" || preset.name === "generic" || preset.name === "transactions") userCols.length = 1;
  for (const i of userCols) roles[i] = "user";

  let eventCol = -1;
  let eventName: string | null = null;
  let timeCol = -1;
  let insertIdCol = -1;
  let revenue: Mapping["revenue"] = null;
  const grouped = readsGrouping(delimiter, sample);
  if (kind === "events") {
    if (opts.eventName) eventName = opts.eventName;
    else if (opts.event) eventCol = named(columns, opts.event, "--event", file);
    else {
      eventCol = findColumn(columns, preset.event);
      if (eventCol < 0) eventName = preset.eventName ?? null;
    }
    if (eventCol < 0 && eventName === null)
      throw new StrataError(
        "bad_input",
        `${file}: no event name column found (${columnList(columns)}); name it with --event COL or give every row one name with --event-name NAME`,
      );
    if (eventCol >= 0) roles[eventCol] = "event";
    // the mapping editor marks the time column with the type "time"
    const marked = Object.entries(opts.types ?? {}).find(([, t]) => t === "time")?.[0];
    const timeName = opts.time ?? marked;
    timeCol = timeName ? named(columns, timeName, "--time", file) : findColumn(columns, preset.time);
    if (timeCol < 0)
      throw new StrataError(
        "bad_input",
        `${file}: no time column found (${columnList(columns)}); name it with --time COL`,
      );
    roles[timeCol] = "time";
    insertIdCol = findColumn(columns, preset.insertId);
    if (insertIdCol >= 0 && roles[insertIdCol] === "property") roles[insertIdCol] = "insertId";
    else insertIdCol = -1;
    if (preset.revenue) {
      const quantityCol = findColumn(columns, preset.revenue.quantity);
      const priceCol = findColumn(columns, preset.revenue.price);
      if (quantityCol >= 0 && priceCol >= 0 && findColumn(columns, [REVENUE_KEY]) < 0)
        revenue = {
          q: quantityCol,
          p: priceCol,
          grouping: columnGrouping(delimiter, grouped ? "any" : "none", [
            ...col(quantityCol),
            ...col(priceCol),
          ]),
        };
    }
  } else {
    timeCol = opts.time ? named(columns, opts.time, "--time", file) : findColumn(columns, preset.createdAt);
    if (timeCol >= 0) roles[timeCol] = "createdAt";
  }

  let time: DetectedTime | null = null;
  // an export documented as UTC is read as UTC unless the user says otherwise
  if (preset.timezone && !opts.timezone) tz = preset.timezone;
  if (timeCol >= 0) {
    time = opts.timeFormat
      ? { parser: timeParserFor(opts.timeFormat, tz), format: opts.timeFormat }
      : columnTime(file, columns[timeCol] ?? outOfBounds(), col(timeCol), tz);
    if (!time && kind === "events") {
      const example = col(timeCol).find((v) => v !== "" && v !== null && v !== undefined);
      const numeric = typeof example === "number" || /^-?\d+(\.\d+)?$/.test(String(example));
      throw new StrataError(
        "bad_input",
        numeric
          ? `${file}: cannot read the times in column "${columns[timeCol]}" (e.g. ${String(example)}): as epoch seconds, ms or µs the numbers fall outside 1990-2100, and they are not dates in digits (YYYYMMDD, YYYYMMDDHHmm, YYYYMMDDHHmmss); give the layout with --time-format`
          : `${file}: cannot read the times in column "${columns[timeCol]}" (e.g. "${String(example)}"); give the pattern with --time-format, e.g. "M/D/YYYY H:mm"`,
      );
    }
  }

  const dropped = new Set(preset.drop.map(norm));
  const isDropped = (name: string) =>
    dropped.has(norm(name)) || preset.drop.some((d) => name.startsWith(`${d}.`));
  const stripPrefixes = propertyPrefixes(preset);
  const props: PropColumn[] = [];
  const attrs: PropColumn[] = [];
  const keys = new Set(columns);
  const attrPrefixes = kind === "events" ? preset.userAttrPrefixes : undefined;
  columns.forEach((name, i) => {
    const override = opts.types?.[name];
    if (roles[i] !== "property") return;
    if (override === "skip" || isDropped(name)) {
      roles[i] = "skip";
      return;
    }
    // a quantity or a price is an amount: `1,200` there is no list of two numbers
    const amount = revenue !== null && (i === revenue.q || i === revenue.p);
    const grouping: Grouping =
      amount && revenue !== null
        ? revenue.grouping
        : columnGrouping(delimiter, grouped ? "fraction" : "none", col(i));
    const type: ColType =
      override === "string" || override === "number" || override === "boolean"
        ? override
        : detectType(col(i), grouping);
    const attr = attrKey(name, attrPrefixes);
    if (attr !== null) {
      roles[i] = "userAttr";
      attrs.push({ col: i, key: attr, type, grouping });
      return;
    }
    const key = stripKey(name, stripPrefixes, (k) => keys.has(k));
    props.push({ col: i, key, type, grouping });
  });
  // links are read from the preset's own id columns; a user column named by hand turns them off
  let identity: IdentityColumns | null = null;
  if (kind === "events" && preset.identity && !opts.user) {
    identity = { anon: [], ident: [], aliases: preset.identity.anonAliases ?? [] };
    const found = identity;
    const side = (names: string[]) => names.map((n) => findColumn(columns, [n])).filter((i) => i >= 0);
    found.anon = side(preset.identity.anonymous);
    found.ident = side(preset.identity.identified);
  }
  return {
    kind,
    preset,
    columns,
    roles,
    userCols,
    eventCol,
    eventName,
    timeCol,
    time,
    insertIdCol,
    props,
    revenue,
    stripPrefixes,
    attrs,
    identity,
  };
}

/** Objects nested deeper than this are kept whole, as JSON text, like arrays: no property path is that long. */
const MAX_PATH_DEPTH = 32;

/** A value nested so deep that it cannot even be written back as text (JSON.stringify ran out of stack). */
export class TooDeepError extends Error {
  readonly field: string;
  constructor(field: string) {
    super(`field "${field}" nests objects or arrays too deep to read`);
    this.field = field;
  }
}

function asText(v: unknown, key: string): string {
  try {
    return JSON.stringify(v);
  } catch (e) {
    // a RangeError is the stack running out on thousands of levels; anything else is not ours
    if (e instanceof RangeError) throw new TooDeepError(key);
    throw e;
  }
}

/**
 * Flattens nested objects into dot paths; arrays, and objects past MAX_PATH_DEPTH, stay whole (as
 * JSON text). A record nested thousands of levels deep (a damaged or hostile file) throws
 * TooDeepError naming the field, for the caller to skip the record by its line.
 */
export function flatten(
  rec: Record<string, unknown>,
  prefix: string,
  out: Record<string, unknown>,
  depth = 0,
): void {
  for (const k in rec) {
    const v = rec[k];
    const key = prefix === "" ? k : `${prefix}.${k}`;
    if (v === null || typeof v !== "object") out[key] = v;
    else if (Array.isArray(v) || depth >= MAX_PATH_DEPTH) out[key] = asText(v, key);
    else flatten(v as Record<string, unknown>, key, out, depth + 1);
  }
}
