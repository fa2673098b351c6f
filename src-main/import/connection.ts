import type Database from "better-sqlite3";
import { StrataError } from "../../src-preload/contract/errors.ts";
import { openConnection as openFor } from "../db/connection.ts";

/** The import's own connection to a workspace (worker threads cannot share the app's). */
export function openConnection(file: string): Database.Database {
  try {
    return openFor(file, "import");
  } catch (e) {
    if (e instanceof StrataError) throw e;
    throw new StrataError("not_found", `cannot open ${file}: ${(e as Error).message}`);
  }
}
