import { outOfBounds } from "../engine/typed-index.ts";
import { type EventSink, type Kind, mergeKind, type Props } from "../store/event-writer.ts";
import { inEventWindow } from "../time/bounds.ts";
import { attrValue, holds, normalizeUserId, str } from "./cell-values.ts";
import {
  attrKey,
  flatten,
  identitySide,
  type Mapping,
  REVENUE_KEY,
  stripKey,
  TooDeepError,
} from "./mapping.ts";
import { numberOf } from "./number-text.ts";
import {
  type Col,
  KIND_BOOLEAN,
  KIND_NUMBER,
  KIND_STRING,
  quote,
  revenueText,
  UNREADABLE,
} from "./prop-json.ts";
import type { SkipReport } from "./report.ts";

// The per-row work of an import: pick the user, name and time out of a row, convert the property
// values to their column types and write the properties as JSON text directly (no object per row),
// counting per event which properties were set and with what kind of value.

// A number written the way JSON writes it (at most 15 integer digits, so it is exact as a double)
// is copied as is: five times cheaper than parsing and printing it again.
const JSON_NUMBER = /^-?(0|[1-9]\d{0,14})(\.\d+)?$/;

interface Stats {
  counts: number[];
  kinds: number[];
}

export class RowEncoder {
  private readonly m: Mapping;
  private readonly w: EventSink;
  private readonly report: SkipReport;
  /** the properties in the order they are written; `revenueIndex` is the derived revenue, or -1 */
  readonly cols: Col[];
  readonly revenueIndex: number;
  /** by event code (an array: a Map look-up per row measured slower) */
  private readonly stats: (Stats | undefined)[] = [];
  // the columns set in the current row and their kinds: the first `np` entries (reused, never
  // truncated: setting an array's length to 0 per row measured as a tenth of the encoding time)
  private readonly present: number[] = [];
  private readonly presentKinds: number[] = [];
  private np = 0;
  /** the current row has a quantity and a price, and they do not make a revenue */
  private revenueLost = false;
  private readonly keyIndex = new Map<string, number>();
  /** identity links seen: anonymous external id -> identified one (the first link of an id wins) */
  readonly links = new Map<string, string>();
  /** user attributes from event rows, by user: the last value a row gives wins */
  private readonly attrs = new Map<string, Props>();
  rows = 0;

  constructor(m: Mapping, w: EventSink, report: SkipReport) {
    this.m = m;
    this.w = w;
    this.report = report;
    // revenue (derived) goes first so that columns added later keep their stats slots
    this.cols = m.revenue
      ? [{ col: -1, key: REVENUE_KEY, type: "number", grouping: "none", jsonKey: `"${REVENUE_KEY}":` }]
      : [];
    for (const p of m.props) this.cols.push({ ...p, jsonKey: `${JSON.stringify(p.key)}:` });
    this.revenueIndex = m.revenue ? 0 : -1;
    m.columns.forEach((c, i) => {
      this.keyIndex.set(c, i);
    });
  }

  /** One delimited row: fields in column order. */
  fields(f: string[], line: number): void {
    this.rows++;
    if (f.length !== this.m.columns.length) {
      this.report.skip(
        "wrong_column_count",
        line,
        `${f.length} fields where the header has ${this.m.columns.length}`,
      );
      return;
    }
    this.encode(f, line);
  }

  /** One JSON object: flattened to dot paths; keys never seen before become new properties. */
  record(rec: Record<string, unknown>, line: number): void {
    this.rows++;
    const flat: Record<string, unknown> = {};
    const reshape = this.m.preset.reshape;
    try {
      flatten(reshape ? reshape(rec) : rec, "", flat);
    } catch (e) {
      if (!(e instanceof TooDeepError)) throw e;
      this.report.skip("too_deep", line, `field "${e.field}"`);
      return;
    }
    const vals: unknown[] = new Array(this.m.columns.length);
    for (const k in flat) {
      let i = this.keyIndex.get(k);
      if (i === undefined) i = this.addColumn(k);
      vals[i] = flat[k];
    }
    this.encode(vals, line);
  }

  private addColumn(name: string): number {
    const i = this.m.columns.length;
    const m = this.m;
    m.columns.push(name);
    this.keyIndex.set(name, i);
    // an identify event met after the sample brings the anonymous id column with it
    const side = m.identity ? identitySide(m.preset, name) : null;
    if (side === "anon") m.identity?.anon.push(i);
    else if (side === "ident") m.identity?.ident.push(i);
    const attr = m.kind === "events" ? attrKey(name, m.preset.userAttrPrefixes) : null;
    if (attr !== null) {
      m.roles.push("userAttr");
      m.attrs.push({ col: i, key: attr, type: "auto", grouping: "none" });
      return i;
    }
    m.roles.push("property");
    const key = stripKey(name, this.m.stripPrefixes, (k) => this.keyIndex.has(k));
    const col: Col = { col: i, key, type: "auto", grouping: "none", jsonKey: `${JSON.stringify(key)}:` };
    this.cols.push(col);
    return i;
  }

  private user(vals: ArrayLike<unknown>): string {
    for (const c of this.m.userCols) {
      const u = normalizeUserId(vals[c]);
      if (u !== "") return u;
    }
    return "";
  }

  private firstId(vals: ArrayLike<unknown>, cols: number[]): string {
    for (const c of cols) {
      const u = normalizeUserId(vals[c]);
      if (u !== "") return u;
    }
    return "";
  }

  /** A row with both an anonymous and an identified id links them (an identify call is such a row). */
  private link(vals: ArrayLike<unknown>): boolean {
    const id = this.m.identity as NonNullable<Mapping["identity"]>;
    const anon = this.firstId(vals, id.anon);
    if (anon === "") return false;
    const ident = this.firstId(vals, id.ident);
    if (ident === "" || ident === anon) return false;
    this.addLink(anon, ident);
    return true;
  }

  /** Links two different ids, neither empty, as link() reads them (the first link of an id wins). */
  addLink(anon: string, ident: string): void {
    if (!this.links.has(anon)) this.links.set(anon, ident);
    const aliases = (this.m.identity as NonNullable<Mapping["identity"]>).aliases;
    for (const a of aliases) if (!this.links.has(a + anon)) this.links.set(a + anon, ident);
  }

  private attributes(user: string, vals: ArrayLike<unknown>): void {
    let cur = this.attrs.get(user);
    for (const c of this.m.attrs) {
      const v = attrValue(vals[c.col], c.type, c.grouping);
      if (v === null) continue;
      if (!cur) {
        cur = {};
        this.attrs.set(user, cur);
      }
      cur[c.key] = v;
    }
  }

  private encode(vals: ArrayLike<unknown>, line: number): void {
    const mapping = this.m;
    const linked = mapping.identity !== null && this.link(vals);
    const user = this.user(vals);
    if (user === "") {
      this.report.skip(
        "missing_user_id",
        line,
        `column "${mapping.columns[mapping.userCols[0] ?? outOfBounds()]}" is empty`,
      );
      return;
    }
    if (mapping.kind === "users") {
      this.user_(user, vals, line);
      return;
    }
    if (mapping.attrs.length > 0) this.attributes(user, vals);
    const name = mapping.eventName ?? str(vals[mapping.eventCol]);
    if (name === "") {
      // an identify call: its work (the link) is done
      if (linked) this.report.skip("identity_only", line);
      else
        this.report.skip(
          "missing_event_name",
          line,
          `column "${mapping.columns[mapping.eventCol]}" is empty`,
        );
      return;
    }
    const tv = vals[mapping.timeCol];
    const time = (mapping.time as { parser: (v: unknown) => number }).parser(tv);
    if (Number.isNaN(time)) {
      this.report.skip("unparseable_time", line, `column "${mapping.columns[mapping.timeCol]}" ${holds(tv)}`);
      return;
    }
    if (!inEventWindow(time)) {
      this.report.skip(
        "time_out_of_range",
        line,
        `column "${mapping.columns[mapping.timeCol]}" ${holds(tv)}`,
      );
      return;
    }
    const json = this.json(vals);
    const insertId = mapping.insertIdCol >= 0 ? str(vals[mapping.insertIdCol]) || null : null;
    const eid = this.w.eventId(name);
    if (!this.w.addEvent(user, eid, time, json, insertId)) {
      this.report.skip("duplicate_insert_id", line);
      return;
    }
    if (this.revenueLost) this.report.warn("unreadable_revenue", line);
    this.count(eid, this.present, this.presentKinds, this.np);
  }

  /** Counts an added event of `eid` whose properties were cols[present[k]] with kinds[k], k < np. */
  count(eid: number, present: number[], kinds: number[], np: number): void {
    let st = this.stats[eid];
    if (!st) {
      st = { counts: [], kinds: [] };
      this.stats[eid] = st;
    }
    for (let k = 0; k < np; k++) {
      const i = present[k] ?? outOfBounds();
      st.counts[i] = (st.counts[i] ?? 0) + 1;
      st.kinds[i] = (st.kinds[i] ?? 0) | (kinds[k] ?? outOfBounds());
    }
  }

  /** The properties as JSON text, or null when none is set; `present` lists the columns set. */
  private json(vals: ArrayLike<unknown>): string | null {
    const present = this.present;
    const kinds = this.presentKinds;
    let np = 0;
    let out = "";
    const cols = this.cols;
    this.revenueLost = false;
    for (let i = 0; i < cols.length; i++) {
      const prop = cols[i] ?? outOfBounds();
      let text: string;
      let kind: number;
      if (i === this.revenueIndex) {
        const revenueCols = this.m.revenue as NonNullable<Mapping["revenue"]>;
        const figure = revenueText(vals[revenueCols.q], vals[revenueCols.p], revenueCols.grouping);
        if (figure === UNREADABLE) this.revenueLost = true;
        if (figure === null || figure === UNREADABLE) continue;
        text = figure;
        kind = KIND_NUMBER;
      } else {
        const value = vals[prop.col];
        if (value === "" || value === null || value === undefined) continue;
        if (typeof value === "string") {
          // under decimal commas `1.000` is a thousand: text with a point goes through numberOf (the
          // byte path copies the rest as it is, `-0` included)
          if (
            prop.type === "number" &&
            JSON_NUMBER.test(value) &&
            (prop.grouping !== "decimalComma" || !value.includes("."))
          ) {
            text = value;
            kind = KIND_NUMBER;
          } else if (prop.type === "number") {
            // read as the column's type was decided: what is not such a number stays text
            const parsed = numberOf(value, prop.grouping);
            if (parsed !== null) {
              text = String(parsed);
              kind = KIND_NUMBER;
            } else {
              text = quote(value);
              kind = KIND_STRING;
            }
          } else if (
            prop.type === "boolean" &&
            (value === "true" || value === "false" || value === "TRUE" || value === "FALSE")
          ) {
            text = value.length === 4 ? "true" : "false";
            kind = KIND_BOOLEAN;
          } else {
            text = quote(value);
            kind = KIND_STRING;
          }
        } else if (typeof value === "number") {
          if (!Number.isFinite(value)) continue;
          text = String(value);
          kind = KIND_NUMBER;
        } else if (typeof value === "boolean") {
          text = value ? "true" : "false";
          kind = KIND_BOOLEAN;
        } else {
          text = JSON.stringify(String(value));
          kind = KIND_STRING;
        }
      }
      out += np === 0 ? `{${prop.jsonKey}${text}` : `,${prop.jsonKey}${text}`;
      present[np] = i;
      kinds[np] = kind;
      np++;
    }
    this.np = np;
    return np === 0 ? null : `${out}}`;
  }

  private user_(user: string, vals: ArrayLike<unknown>, line: number): void {
    const m = this.m;
    let created: number | null = null;
    if (m.timeCol >= 0 && m.time) {
      const tv = vals[m.timeCol];
      if (tv !== "" && tv !== null && tv !== undefined) {
        created = m.time.parser(tv);
        if (Number.isNaN(created)) {
          this.report.skip("unparseable_time", line, `column "${m.columns[m.timeCol]}" ${holds(tv)}`);
          return;
        }
      }
    }
    const json = this.json(vals);
    const attrs: Props = json === null ? {} : (JSON.parse(json) as Props);
    this.w.setUser(user, attrs, created);
  }

  /** Hands the per-event property counts and the users' attributes to the writer; call once before writer.finish(). */
  finish(): void {
    // an identified id met only in identify calls still owns the anonymous ids linked to it: the
    // merge (engine/columns/identity.ts) joins them under it, so it must be a user
    for (const ident of new Set(this.links.values())) this.w.ensureUser(ident);
    for (const [user, attrs] of this.attrs) this.w.setUser(user, attrs, null);
    this.attrs.clear();
    for (let eid = 0; eid < this.stats.length; eid++) {
      const st = this.stats[eid];
      if (!st) continue;
      st.counts.forEach((n, i) => {
        const c = this.cols[i];
        if (!c || !n) return;
        const bits = st.kinds[i] ?? 0;
        let kind: Kind | undefined;
        if (bits & KIND_STRING) kind = mergeKind(kind, "string");
        if (bits & KIND_NUMBER) kind = mergeKind(kind, "number");
        if (bits & KIND_BOOLEAN) kind = mergeKind(kind, "boolean");
        if (kind) this.w.noteProperty(eid, c.key, kind, n);
      });
    }
    this.stats.length = 0;
  }
}
