import type Database from "better-sqlite3";
import { fragment, ident, run, sql } from "../db/sql.ts";
import { hasTable } from "../db/tables.ts";
import { heldOutSide } from "../engine/propensity/holdout.ts";
import { recordHoldout } from "../engine/propensity/holdout-table.ts";

// A user id lives in two places of a workspace: users.external_id and both sides of every identity
// link (identities.anon_id -> identities.user_id, joined to users by external id when the engine
// merges). A copy that renames ids renames them here, all with one function in one statement each,
// so every link still joins the users it joined and identity merge answers as in the original.

/** Which ids the renaming may change: all of them, or only those holding an "@" (e-mail ids). */
export type RenameScope = "every" | "withAt";

/** Renames user ids with `rename` wherever they occur; answers how many users were renamed. */
export function renameUserIds(
  db: Database.Database,
  rename: (id: string) => string,
  scope: RenameScope,
): number {
  // a model holds users out by the hash of their id: each user's side is recorded before any rename
  // (a key's pseudonyms, or --drop-personal's for e-mail ids), or the copy's models, scores and
  // top-N% segments would differ from the original's
  recordHoldout(db, heldOutSide(db));
  // a hostile file may hold a number or a blob in a TEXT column: renamed from its text, as before
  db.function("strata_rename_id", { deterministic: true }, (id: unknown) =>
    id === null ? null : rename(String(id)),
  );
  const changes = (column: "external_id" | "anon_id" | "user_id") => {
    const col = ident(column, ["external_id", "anon_id", "user_id"]);
    // "withAt" also skips ids the function leaves as they are, so they are not counted
    return scope === "every"
      ? sql`${col} IS NOT NULL`
      : sql`instr(${col}, '@') > 0 AND strata_rename_id(${col}) != ${col}`;
  };
  const renamed = run(
    db,
    sql`UPDATE users SET external_id = strata_rename_id(external_id) WHERE ${fragment(changes("external_id"))}`,
  ).changes;
  if (hasTable(db, "identities")) {
    run(
      db,
      sql`UPDATE identities SET anon_id = strata_rename_id(anon_id) WHERE ${fragment(changes("anon_id"))}`,
    );
    run(
      db,
      sql`UPDATE identities SET user_id = strata_rename_id(user_id) WHERE ${fragment(changes("user_id"))}`,
    );
  }
  return renamed;
}
