import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { io } from "../../helpers/cli-io.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { events, fixture } from "./helpers.ts";

describe("strata import", () => {
  it("creates the workspace, imports in the worker and prints the --json summary", async () => {
    const ws = path.join(tmpDir(), "new.strata");
    const a = io();
    const code = await main(
      [
        "import",
        fixture("transactions.csv"),
        "--workspace",
        ws,
        "--event-name",
        "purchase",
        "--timezone",
        "Europe/London",
        "--json",
      ],
      a.io,
    );
    expect(code).toBe(0);
    const s = JSON.parse(a.out.join(""));
    expect(s).toMatchObject({
      rowsRead: 3,
      added: 2,
      usersAdded: 2,
      skipped: 1,
      skippedByReason: { missing_user_id: { count: 1, firstLines: [3] } },
    });
    expect(s.files).toHaveLength(1);
    expect(events(ws).map((e) => e.user)).toEqual(["17850", "14527"]);
  });

  it("exits 2 on a re-import (unless --force), a bad option or a strict failure", async () => {
    const ws = path.join(tmpDir(), "w.strata");
    expect(await main(["import", fixture("wide.csv"), "--workspace", ws], io().io)).toBe(0);
    const dup = io();
    expect(await main(["import", fixture("wide.csv"), "--workspace", ws], dup.io)).toBe(2);
    expect(dup.err.join("")).toMatch(/was imported before .* --force/);
    expect(await main(["import", fixture("wide.csv"), "--workspace", ws, "--force"], io().io)).toBe(0);
    const bad = io();
    expect(await main(["import", fixture("wide.csv"), "--workspace", ws, "--kind", "things"], bad.io)).toBe(
      2,
    );
    expect(bad.err.join("")).toMatch(/kind/);
    const strict = io();
    expect(await main(["import", fixture("broken-rows.csv"), "--workspace", ws, "--strict"], strict.io)).toBe(
      2,
    );
    expect(strict.err.join("")).toMatch(/broken-rows\.csv line 3 has no user id/);
    expect(await main(["import", "--workspace", ws], io().io)).toBe(2);
  });

  it("prints the rows kept with a warning under their file", async () => {
    const dir = tmpDir();
    const file = path.join(dir, "orders.csv");
    fs.writeFileSync(
      file,
      "customer_id,order_date,quantity,unit_price\nc1,2024-03-01,2,n/a\nc2,2024-03-01,1,4\n",
    );
    const run = io();
    expect(await main(["import", file, "--workspace", path.join(dir, "w.strata")], run.io)).toBe(0);
    expect(run.out.join("")).toMatch(
      /orders\.csv: 2 rows read, 2 events added .*\n {2}warning: unreadable_revenue: 1 event kept \(first lines 2\)\n/,
    );
  });
});
