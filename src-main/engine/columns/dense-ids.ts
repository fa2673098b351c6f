import type Database from "better-sqlite3";
import { StrataError } from "../../../src-preload/contract/errors.ts";

// Strata numbers users and event names 1..n as it adds them, and the engine indexes arrays by those
// ids, sized by the largest. A file whose ids run far past their count (damaged, or made so) would
// have an open allocate gigabytes: one user id of 2^31 - 1 among 112k users took 8.6 GB and 17 s per
// query. Such a file is refused as damaged; the slack leaves room for any gap Strata itself leaves.

const SLACK = 65_536;

/** Throws "corrupt" when `maxId` is beyond what `count` rows numbered by Strata can reach. */
export function checkDenseIds(db: Database.Database, what: string, maxId: number, count: number): void {
  if (maxId > 2 * count + SLACK)
    throw new StrataError(
      "corrupt",
      `${db.name} is damaged: its ${what} ids run to ${maxId.toLocaleString("en-US")} for ${count.toLocaleString("en-US")} ${what} (Strata numbers them from 1)`,
    );
}
