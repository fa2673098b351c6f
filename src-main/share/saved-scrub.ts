import type Database from "better-sqlite3";
import { jsonDepth } from "../../src-preload/contract/json-depth.ts";
import { all, run, sql } from "../db/sql.ts";
import { hasEmail, redactEmails } from "./email.ts";

// Saved segments and reports hold values too: "email eq bob@corp.example" keeps the address in its
// definition after the attribute left the copy. When a share removes personal data, its saved items
// follow the same rules as the data, and keep their shape (a report may use a segment by id, a
// dashboard pins a report: dropping them would break those):
// - a condition on a removed name (personal by name, chosen, or removed for holding addresses)
//   keeps its property and operator, and its literal becomes REMOVED_VALUE. The attribute is gone
//   from the copy, so the literal no longer decides who matches: the copy's answer is the one the
//   share report lists for the item ("Gmail users: 7 users -> 0");
// - with `--drop-personal`, an address inside any other text (a value, a label, the item's name) is
//   replaced by "[e-mail]" as in the data, and an event name the copy renamed is renamed here too,
//   so a funnel step still finds its event;
// - a last result is a cache that may hold any value the data held, under any key: a breakdown by
//   phone lists phone numbers as labels, a members preview lists the attributes its definition names
//   (`attributes: ["phone"]`), an RFM report its `monetary` property's figures. No list of the keys
//   that name a property stays complete, so when the copy keeps its events (it computes every
//   result again) every last result goes. Without events the results are all the recipient has; one
//   goes when its definition or the result itself holds a removed name as a text anywhere (an
//   attribute list, a breakdown property, a column header), when it may have read a removed property
//   without naming it (a sessions or propensity report left to its default property), or, with
//   `--drop-personal`, when it holds an "@" (member previews list user ids). A removed name that is
//   only a key of the result (an attributes map) loses that key and its value. The share lists the
//   items whose result went;
// - a definition that cannot be walked (not JSON, or nested past anything the schema accepts)
//   cannot be opened anyway: it is emptied, so nothing it quotes reaches the copy.

/** What the rest of the copy lost, which its saved items must follow. */
export interface SavedScrub {
  /** a property or attribute whose values left the copy */
  gone: (name: string) => boolean;
  /** `--drop-personal`: e-mail addresses are replaced in any text */
  values: boolean;
  /** event names the copy renamed (an address replaced in them): old -> new */
  renamedEvents: ReadonlyMap<string, string>;
  /** the names the copy's data lost, exactly as they were stored (keys and catalog names) */
  removed: ReadonlySet<string>;
  /** the copy keeps its events: the app computes every saved result again, so none is kept */
  recomputable: boolean;
}

/** Past any result Strata makes (as saved.ts reads them): a deeper one is a hostile file's, dropped. */
const RESULT_DEPTH = 64;

/** The literal of a condition on a removed name. */
export const REMOVED_VALUE = "[removed]";

/** Past any definition the schema takes (segments stop at 200 levels), within JSON.stringify's stack. */
const WALKABLE_DEPTH = 1000;

interface SavedRow {
  id: string;
  name: string;
  definition: string;
  last_result: string | null;
}

type Json = unknown;

function isRecord(v: Json): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Rewrites a parsed definition (or any JSON the copy keeps) in place, iteratively: its texts through
 * `text`, the literal of a condition on a removed name to REMOVED_VALUE. Says whether it uses a
 * removed name.
 */
export function scrubDefinition(
  root: Json,
  text: (value: string) => string,
  gone: (name: string) => boolean,
): boolean {
  let usesGone = false;
  const stack: Json[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const child = node[i];
        if (typeof child === "string") node[i] = text(child);
        else if (typeof child === "object" && child !== null) stack.push(child);
      }
    } else if (isRecord(node)) {
      // a filter ({ property, op, value }), a breakdown or an aggregate names its property here
      const property = node.property;
      const removed = typeof property === "string" && gone(property);
      if (removed) usesGone = true;
      if (removed && typeof node.op === "string" && "value" in node) {
        const literal = node.value;
        node.value = Array.isArray(literal) ? literal.map(() => REMOVED_VALUE) : REMOVED_VALUE;
      }
      for (const key of Object.keys(node)) {
        const child = node[key];
        if (typeof child === "string" && key !== "property") node[key] = text(child);
        else if (typeof child === "object" && child !== null) stack.push(child);
      }
    }
  }
  return usesGone;
}

/** What an unreadable JSON text (not JSON, or nested past WALKABLE_DEPTH) of the copy becomes. */
export const UNREADABLE = "null";

/**
 * A JSON text of the copy scrubbed with scrubDefinition, and whether it uses a removed name; null
 * when it cannot be walked: nothing can read it then, and it is emptied (UNREADABLE).
 */
export function scrubJsonText(
  json: string,
  text: (value: string) => string,
  gone: (name: string) => boolean,
): { json: string; usesGone: boolean } | null {
  let parsed: Json;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (jsonDepth(parsed, WALKABLE_DEPTH) > WALKABLE_DEPTH) return null;
  // boxed, so that a bare string (a damaged definition) is rewritten like any other
  const box: Json[] = [parsed];
  const usesGone = scrubDefinition(box, text, gone);
  return { json: JSON.stringify(box[0]), usesGone };
}

/**
 * A text of the copy as `scrub` says: an event name the copy renamed gets its new name, an address
 * (with `--drop-personal`) becomes "[e-mail]", counted in `redacted`.
 */
export function textScrubber(scrub: SavedScrub, redacted: { count: number }): (value: string) => string {
  return (value) => {
    const renamed = scrub.renamedEvents.get(value);
    if (renamed !== undefined) return renamed;
    if (!scrub.values || !hasEmail(value)) return value;
    redacted.count++;
    return redactEmails(value);
  };
}

/**
 * Looks for the names in `names` in parsed JSON, iteratively: says whether one occurs as a text (a
 * value, an array element) or as a key, and with `strip` deletes every key that is one, with its
 * value.
 */
export function removedNamesIn(
  root: Json,
  names: ReadonlySet<string>,
  strip: boolean,
): { asText: boolean; asKey: boolean } {
  const found = { asText: typeof root === "string" && names.has(root), asKey: false };
  const stack: Json[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    const children: Json[] = [];
    // one push at a time: spreading a wide array (a hostile file's) into push() overflows the stack
    if (Array.isArray(node)) for (const child of node) children.push(child);
    else if (isRecord(node)) {
      for (const key of Object.keys(node)) {
        if (names.has(key)) {
          found.asKey = true;
          if (strip) {
            delete node[key];
            continue;
          }
        }
        children.push(node[key]);
      }
    }
    for (const child of children) {
      if (typeof child === "string") found.asText ||= names.has(child);
      else if (typeof child === "object" && child !== null) stack.push(child);
    }
  }
  return found;
}

/**
 * The kinds that read a property the definition need not name (sessions cut by "session_id",
 * propensity's revenue feature from the first of revenue, amount, ... present): one that leaves it
 * to the default, anywhere in `root` (a segment may hold a propensity), may have read a removed
 * property without naming it.
 */
function readsUnnamedProperty(root: Json): boolean {
  const stack: Json[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isRecord(node)) {
      if (node.kind === "sessions" && node.sessionProperty === undefined) return true;
      if (node.kind === "propensity" && node.revenueProperty === undefined) return true;
      for (const child of Object.values(node)) stack.push(child);
    } else if (Array.isArray(node)) for (const child of node) stack.push(child);
  }
  return false;
}

/**
 * What the copy keeps of a saved item's last result (see the top of this file): null to drop it,
 * else the result with the keys that are removed names taken out.
 */
function keptResult(
  lastResult: string,
  definition: { json: string; usesGone: boolean },
  scrub: SavedScrub,
): string | null {
  if (scrub.recomputable || definition.usesGone) return null;
  if (scrub.values && lastResult.includes("@")) return null;
  if (scrub.removed.size === 0) return lastResult;
  // the scrubbed definition (walkable, as scrubJsonText checked) names what the saved one named
  const parsedDefinition: Json = JSON.parse(definition.json);
  if (removedNamesIn(parsedDefinition, scrub.removed, false).asText) return null;
  if (readsUnnamedProperty(parsedDefinition)) return null;
  let parsed: Json;
  try {
    parsed = JSON.parse(lastResult);
  } catch {
    return null;
  }
  if (jsonDepth(parsed, RESULT_DEPTH) > RESULT_DEPTH) return null;
  const found = removedNamesIn(parsed, scrub.removed, true);
  if (found.asText) return null;
  return found.asKey ? JSON.stringify(parsed) : lastResult;
}

/** What scrubSavedItems did. */
export interface SavedScrubReport {
  /** texts in which an address was replaced */
  redacted: number;
  /** ids of the items whose last result the copy does not keep */
  resultsDropped: string[];
}

/** Scrubs every saved item of the copy as `scrub` says. */
export function scrubSavedItems(db: Database.Database, scrub: SavedScrub): SavedScrubReport {
  const redacted = { count: 0 };
  const resultsDropped: string[] = [];
  const text = textScrubber(scrub, redacted);
  for (const item of all<SavedRow>(db, sql`SELECT id, name, definition, last_result FROM saved_items`)) {
    const scrubbed = scrubJsonText(item.definition, text, scrub.gone);
    const definition = scrubbed?.json ?? UNREADABLE;
    const name = text(item.name);
    const lastResult =
      item.last_result === null || scrubbed === null ? null : keptResult(item.last_result, scrubbed, scrub);
    if (item.last_result !== null && lastResult === null) resultsDropped.push(item.id);
    if (definition === item.definition && name === item.name && lastResult === item.last_result) continue;
    run(
      db,
      sql`UPDATE saved_items SET definition = ${definition}, name = ${name}, last_result = ${lastResult}
          WHERE id = ${item.id}`,
    );
  }
  return { redacted: redacted.count, resultsDropped };
}
