import type { ChClient } from "./http.ts";
import { alterTable, type PushedTable } from "./layout.ts";

// A delete on the cluster is a mutation (`ALTER ... DELETE`) that the server applies in the
// background, on each shard in its own time: push asks for it, then counts until no row is left,
// so that what it sends next can never be deleted with them.

const POLL_MS = 100;

/**
 * Deletes the rows of `table` matching `where` (SQL) and returns once the cluster shows none; after
 * `seconds` (a batch takes well under one; a whole table rewrites every part) it gives up, saying so.
 */
export async function deleteRows(
  ch: ChClient,
  table: PushedTable,
  where: string,
  what: string,
  seconds = 60,
): Promise<void> {
  await ch.exec(`${alterTable(ch, table)} DELETE WHERE ${where}`);
  for (let poll = 0; poll < (seconds * 1000) / POLL_MS; poll++) {
    const [left] = await ch.rows<{ c: number }>(`SELECT count() AS c FROM ${table} WHERE ${where}`);
    if ((left?.c ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`the cluster did not delete ${what} within ${seconds} s`);
}
