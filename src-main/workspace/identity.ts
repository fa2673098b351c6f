import type Database from "better-sqlite3";
import type { IdentitySummary } from "../../src-preload/contract/workspace-info.ts";
import { statement } from "../db/sql.ts";
import { identityState, mergedUsers } from "../engine/columns/identity.ts";

// The workspace side of identity merge: the switch (meta.identity_merge, on by default) and what
// `strata info` reports. The merge itself is the engine's (engine/columns/identity.ts).

export function identitySummary(db: Database.Database): IdentitySummary {
  const s = identityState(db);
  return { merge: s.merge, links: s.links, merged: s.merge ? mergedUsers(db).size : 0 };
}

/** Switches the merge on or off; the saved columns go stale with it (their stamp names the setting). */
export function setIdentityMerge(db: Database.Database, on: boolean): void {
  statement(db)`UPDATE meta SET identity_merge = ?, modified_at = ? WHERE id = 1`.run(on ? 1 : 0, Date.now());
}
