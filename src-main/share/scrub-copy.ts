import type { ShareOptions } from "../../src-preload/contract/methods/export.ts";
import { openConnection } from "../db/connection.ts";
import { dropDerived, dropEvents, dropKeys, isPersonal, pseudonymize, squash } from "./scrub.ts";

/** Scrubs a workspace copy in place as the share options ask; returns the names it dropped. */
export function scrub(copy: string, opts: ShareOptions, asOf: string): string[] {
  const db = openConnection(copy, "scrub");
  try {
    const chosen = new Set((opts.dropAttributes ?? []).map(squash));
    const dropping = opts.dropPersonal === true || chosen.size > 0;
    const scrubbing = opts.events === false || opts.pseudonymizeKey !== undefined || dropping;
    let dropped: string[] = [];
    db.transaction(() => {
      if (opts.events === false) dropEvents(db, asOf);
      if (opts.pseudonymizeKey !== undefined) pseudonymize(db, opts.pseudonymizeKey);
      if (dropping)
        dropped = dropKeys(db, (n) => (opts.dropPersonal === true && isPersonal(n)) || chosen.has(squash(n)));
      if (scrubbing) dropDerived(db);
    })();
    if (scrubbing) {
      db.pragma("secure_delete = ON");
      db.exec("VACUUM");
    }
    return dropped;
  } finally {
    db.close();
  }
}
