import { createHmac, randomBytes } from "node:crypto";
import type Database from "better-sqlite3";
import { all, fragment, ident, run, sql } from "../db/sql.ts";
import { outOfBounds } from "../engine/typed-index.ts";
import { hasEmail, isEmail, redactEmails } from "./email.ts";
import { scrubLeftovers } from "./leftovers.ts";
import { renameUserIds } from "./rename-ids.ts";
import { scrubSavedItems } from "./saved-scrub.ts";

// `--drop-personal` finds personal data by NAME and by VALUE, at any depth:
// - a key whose name says it is personal: any word of it is one of WORDS (`user_email`,
//   `customer_email`, `Work Email`, `contact.email`, `billing_address`), or two neighbouring words
//   make one of PAIRS (`first name`, `date of birth`); the whole name squashed also counts
//   (`E-Mail`, `PostalCode`). `emails_sent`, `named_plan`, `event_name` are analytics, not people.
// - a string value that IS an e-mail address: its key is removed wherever it occurs;
// - an e-mail address INSIDE free text or an event name: the address is replaced by "[e-mail]";
// - user ids that are e-mail addresses: replaced by a pseudonym under a random key that is not kept,
//   so the copy's users stay distinct but cannot be looked up.
// The share reports every name removed and how many values were rewritten.

const WORDS = new Set([
  "email",
  "emails", // as a key word only when it is not "emails_sent" (see isPersonalName)
  "phone",
  "phonenumber",
  "telephone",
  "mobile",
  "mobilephone",
  "cellphone",
  "fullname",
  "firstname",
  "lastname",
  "middlename",
  "givenname",
  "familyname",
  "surname",
  "address",
  "streetaddress",
  "address1",
  "address2",
  "addressline1",
  "addressline2",
  "zip",
  "zipcode",
  "postcode",
  "postalcode",
  "ipaddress",
  "dob",
  "birthday",
  "birthdate",
  "dateofbirth",
  "ssn",
  "passport",
]);

// whole names only: as one word of a longer name they are analytics ("mail_opens", "ip_country")
const WHOLE = new Set([...WORDS, "name", "mail", "cell", "street", "ip", "emailaddress"]);

/** Words of a key: split at separators, dots and camelCase humps, lowercased. */
export function keyWords(name: string): string[] {
  return name
    .replace(/([a-z\d])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "");
}

export function isPersonalName(name: string): boolean {
  const words = keyWords(name);
  if (WHOLE.has(words.join(""))) return true;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? outOfBounds();
    // a count of e-mails sent is analytics; a list of e-mails is not
    if (w === "emails" && i < words.length - 1) continue;
    if (WORDS.has(w)) return true;
    if (i + 1 < words.length && WORDS.has(w + words[i + 1])) return true;
    if (i + 2 < words.length && WORDS.has(w + words[i + 1] + words[i + 2])) return true;
  }
  return false;
}

export interface PersonalReport {
  /** key names removed (by name, by an e-mail value, or chosen by the analyst) */
  names: string[];
  /** string values in which an e-mail address was replaced */
  redactedValues: number;
  /** event names in which an e-mail address was replaced */
  redactedEventNames: number;
  /** user ids that were e-mail addresses, replaced by pseudonyms */
  pseudonymizedIds: number;
  /** ids of the saved items whose last result the copy does not keep (saved-scrub.ts) */
  resultsDropped: string[];
}

type Json = unknown;

/** Removes personal keys and e-mail values from a JSON value, at any depth (iteratively). */
function scrubValue(
  root: Json,
  drop: (k: string) => boolean,
  removed: Set<string>,
  count: { n: number },
): Json {
  if (typeof root !== "object" || root === null) return root;
  const stack: Json[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const child = node[i];
        if (typeof child === "string" && hasEmail(child)) {
          node[i] = redactEmails(child);
          count.n++;
        } else if (typeof child === "object" && child !== null) stack.push(child);
      }
    } else if (typeof node === "object" && node !== null) {
      const record = node as Record<string, Json>;
      for (const k of Object.keys(record)) {
        const child = record[k];
        if (drop(k) || (typeof child === "string" && isEmail(child))) {
          delete record[k];
          removed.add(k);
        } else if (typeof child === "string" && hasEmail(child)) {
          record[k] = redactEmails(child);
          count.n++;
        } else if (typeof child === "object" && child !== null) stack.push(child);
      }
    }
  }
  return root;
}

/**
 * Scrubs the copy: user attributes, event properties, catalogs, event names and user ids. `drop`
 * says which key names go (personal by name, or chosen); `values` also removes e-mail values;
 * `keepsEvents`: the copy keeps its events and users (they go after this scrub otherwise: the names
 * that go are read from them first), so its saved results can be computed again, and the values and
 * ids rewritten in them count.
 */
export function scrubPersonal(
  db: Database.Database,
  drop: (name: string) => boolean,
  values: boolean,
  keepsEvents: boolean,
): PersonalReport {
  const removed = new Set<string>();
  const count = { n: 0 };
  const dropLeaf = (k: string) => drop(k);
  const scrubJson = (text: unknown) => {
    if (typeof text !== "string") return text;
    let parsed: Json;
    try {
      parsed = JSON.parse(text);
    } catch {
      return text;
    }
    return JSON.stringify(
      values ? scrubValue(parsed, dropLeaf, removed, count) : stripOnly(parsed, dropLeaf, removed),
    );
  };
  db.function("strata_scrub_json", { deterministic: false }, scrubJson);
  // candidates: rows mentioning a catalog name that goes, or (for values) an "@"
  const userNames = all<{ name: string }>(db, sql`SELECT name FROM user_properties`).map((r) => r.name);
  const eventNames = [
    ...new Set(all<{ name: string }>(db, sql`SELECT name FROM event_properties`).map((r) => r.name)),
  ];
  // a flattened name ("contact.email") is found by its last part, without quotes
  const last = (n: string) => n.split(".").pop() ?? n;
  const needles = [
    ...new Set([...userNames, ...eventNames].filter((n) => drop(n) || drop(last(n))).map(last)),
  ];
  const touch = (table: "users" | "events", column: "attributes" | "properties") => {
    const col = ident(column, ["attributes", "properties"]);
    let hit = values ? sql`instr(${col}, '@') > 0` : sql`0`;
    for (const needle of needles) hit = sql`${fragment(hit)} OR instr(${col}, ${needle}) > 0`;
    run(
      db,
      sql`UPDATE ${ident(table, ["users", "events"])} SET ${col} = strata_scrub_json(${col})
          WHERE ${col} IS NOT NULL AND (${fragment(hit)})`,
    );
  };
  touch("users", "attributes");
  touch("events", "properties");
  // the catalogs: names that went, by name or because their values were addresses; a flattened
  // name ("contact.email") goes when its last part does
  const gone = (n: string) => drop(n) || drop(last(n)) || removed.has(n);
  for (const name of userNames.filter(gone)) {
    run(db, sql`DELETE FROM user_properties WHERE name = ${name}`);
    removed.add(name);
  }
  for (const name of eventNames.filter(gone)) {
    run(db, sql`DELETE FROM event_properties WHERE name = ${name}`);
    removed.add(name);
  }
  const report: PersonalReport = {
    names: [...removed].sort(),
    redactedValues: keepsEvents ? count.n : 0,
    redactedEventNames: 0,
    pseudonymizedIds: 0,
    resultsDropped: [],
  };
  const renamedEvents = new Map<string, string>();
  if (values) {
    for (const eventName of all<{ id: number; name: string }>(
      db,
      sql`SELECT id, name FROM event_names WHERE instr(name, '@') > 0`,
    )) {
      if (!hasEmail(eventName.name)) continue;
      let next = redactEmails(eventName.name);
      if (all(db, sql`SELECT 1 FROM event_names WHERE name = ${next}`).length > 0)
        next = `${next} #${eventName.id}`;
      run(db, sql`UPDATE event_names SET name = ${next} WHERE id = ${eventName.id}`);
      renamedEvents.set(eventName.name, next);
      report.redactedEventNames++;
    }
    // a random key that is never stored: the copy's ids cannot be turned back into addresses
    const key = randomBytes(32);
    const pseudo = (id: string) =>
      `user-${createHmac("sha256", key).update(id, "utf8").digest("hex").slice(0, 24)}`;
    // the identity links with the same pseudonyms, so that the copy still merges the same users
    const renamed = renameUserIds(db, (id) => (isEmail(id) ? pseudo(id) : id), "withAt");
    if (keepsEvents) report.pseudonymizedIds = renamed;
  }
  // saved segments and reports quote values too, and so may other tables: they follow what the
  // data lost (saved-scrub.ts, leftovers.ts)
  const lost = { gone, values, renamedEvents, removed, recomputable: keepsEvents };
  const saved = scrubSavedItems(db, lost);
  report.redactedValues += saved.redacted + scrubLeftovers(db, lost);
  report.resultsDropped = saved.resultsDropped;
  return report;
}

function stripOnly(root: Json, drop: (k: string) => boolean, removed: Set<string>): Json {
  if (typeof root !== "object" || root === null) return root;
  const stack: Json[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== "object" || v === null) continue;
    if (Array.isArray(v)) {
      for (const x of v) if (typeof x === "object" && x !== null) stack.push(x);
      continue;
    }
    const o = v as Record<string, Json>;
    for (const k of Object.keys(o)) {
      if (drop(k)) {
        delete o[k];
        removed.add(k);
      } else if (typeof o[k] === "object" && o[k] !== null) stack.push(o[k]);
    }
  }
  return root;
}
