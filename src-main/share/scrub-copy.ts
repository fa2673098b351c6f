import type Database from "better-sqlite3";
import { StrataError } from "../../src-preload/contract/errors.ts";
import type { ShareOptions } from "../../src-preload/contract/methods/export.ts";
import { Segment } from "../../src-preload/contract/segment.ts";
import { openConnection } from "../db/connection.ts";
import { all, sql } from "../db/sql.ts";
import { InProcessEngine } from "../engine/in-process-engine.ts";
import { type PersonalReport, scrubPersonal } from "./personal.ts";
import { dropDerived, dropEvents, isPersonal, pseudonymize, squash } from "./scrub.ts";

/** A saved item whose definition names something the copy no longer has. */
export interface AffectedSaved {
  id: string;
  type: "segment" | "report";
  name: string;
  /** the removed names it uses */
  uses: string[];
  /** members in the workspace, and in the copy (segments only; null when it could not be counted) */
  before: number | null;
  after: number | null;
}

/** A saved item, named as the analyst knows it. */
export interface SavedRef {
  id: string;
  type: "segment" | "report";
  name: string;
}

export interface ScrubResult extends Omit<PersonalReport, "resultsDropped"> {
  affected: AffectedSaved[];
  /** saved items whose last result the copy does not keep although it cannot compute it (no events) */
  resultsDropped: SavedRef[];
}

interface SavedRow {
  id: string;
  type: "segment" | "report";
  name: string;
  definition: string;
}

function usesOf(def: string, names: readonly string[]): string[] {
  return names.filter((n) => def.includes(JSON.stringify(n)));
}

async function countSegment(db: Database.Database, definition: string): Promise<number | null> {
  try {
    const seg = Segment.parse(JSON.parse(definition));
    const r = await new InProcessEngine(db, { lazy: true, unknownAsMissing: true }).run({
      kind: "segmentCount",
      segment: seg,
    });
    return r.users;
  } catch {
    return null;
  }
}

/** Scrubs a workspace copy in place as the share options ask; reports what it removed and changed. */
export async function scrub(copy: string, opts: ShareOptions, asOf: string): Promise<ScrubResult> {
  const db = openConnection(copy, "scrub");
  try {
    const chosen = new Set((opts.dropAttributes ?? []).map(squash));
    const dropping = opts.dropPersonal === true || chosen.size > 0;
    const scrubbing = opts.events === false || opts.pseudonymizeKey !== undefined || dropping;
    let report: PersonalReport = {
      names: [],
      redactedValues: 0,
      redactedEventNames: 0,
      pseudonymizedIds: 0,
      resultsDropped: [],
    };
    let pseudonymized = 0;
    const saved = all<SavedRow>(db, sql`SELECT id, type, name, definition FROM saved_items`);
    const known = new Set(
      all<{ name: string }>(
        db,
        sql`SELECT name FROM user_properties UNION SELECT name FROM event_properties`,
      ).map((r) => squash(r.name)),
    );
    // Personal data is removed before the events go: which names leave the copy is read from the
    // data (a key holding addresses, a name in the catalogs), and a copy without events must still
    // name them, keep no result built on them, and list the items that use them. Ids are replaced
    // first, so that an id that was an address gets the analyst's keyed pseudonym, which they can map.
    db.transaction(() => {
      if (opts.pseudonymizeKey !== undefined) pseudonymized = pseudonymize(db, opts.pseudonymizeKey);
      if (dropping)
        report = scrubPersonal(
          db,
          (n) => (opts.dropPersonal === true && isPersonal(n)) || chosen.has(squash(n)),
          opts.dropPersonal === true,
          opts.events !== false,
        );
      if (opts.events === false) dropEvents(db, asOf);
      if (scrubbing) dropDerived(db);
    })();
    // a name to remove that names nothing the workspace holds is a typo, and the copy would still
    // hold what it meant
    for (const name of report.names) known.add(squash(name));
    const missed = (opts.dropAttributes ?? []).filter((n) => !known.has(squash(n)));
    if (missed.length > 0)
      throw new StrataError(
        "invalid_request",
        `--drop-attributes: no user attribute or event property named ${missed.map((n) => JSON.stringify(n)).join(", ")} in this workspace; nothing was shared`,
      );
    // The saved items built on what was removed, with their count in the copy (the caller adds the
    // workspace's), so the analyst sees "Gmail users: 828 -> 0" before sending it.
    const affected: AffectedSaved[] = [];
    for (const item of saved) {
      const uses = usesOf(item.definition, report.names);
      if (uses.length === 0) continue;
      const after =
        item.type === "segment" && opts.events !== false ? await countSegment(db, item.definition) : null;
      affected.push({ id: item.id, type: item.type, name: item.name, uses, before: null, after });
    }
    if (scrubbing) {
      // the counts above saved columns built from the scrubbed data: still caches, dropped
      db.exec("DELETE FROM engine_columns");
      db.pragma("secure_delete = ON");
      db.exec("VACUUM");
    }
    const dropped = new Set(report.resultsDropped);
    return {
      ...report,
      // the ids e-mail addresses were replaced in, and with a key every id: both are pseudonyms (a
      // copy without events holds no user, and counts none)
      pseudonymizedIds: report.pseudonymizedIds + (opts.events === false ? 0 : pseudonymized),
      affected,
      // a copy with events computes its results again: only a copy without them loses any
      resultsDropped:
        opts.events === false
          ? saved
              .filter((item) => dropped.has(item.id))
              .map((item) => ({ id: item.id, type: item.type, name: item.name }))
          : [],
    };
  } finally {
    db.close();
  }
}
