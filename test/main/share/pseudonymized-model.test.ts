import { afterEach, describe, expect, it } from "vitest";
import { storedHoldout } from "../../../src-main/engine/propensity/holdout-table.ts";
import { scrubPersonal } from "../../../src-main/share/personal.ts";
import { pseudonymize } from "../../../src-main/share/scrub.ts";
import type { PropensityResult } from "../../../src-preload/contract/predict.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { AS_OF, planted } from "../engine/predict/planted.ts";
import { runQuery } from "../engine/run-query.ts";

// A model holds out a fifth of the users by a hash of their id. Pseudonymizing a shared copy
// rewrites every id, so the copy held out other users, and its model card, scores and top-N%
// segments differed from the original's: sharing.md promises the same numbers.

const QUERY = {
  kind: "propensity",
  target: { event: "purchase" },
  horizon: { value: 14, unit: "day" },
} as const;

let open: Journeys[] = [];
afterEach(() => {
  for (const j of open) j.close();
  open = [];
});

function workspace(): Journeys {
  const j = journeys(planted(1500, "signal", 11), { asOf: { mode: "fixed", date: AS_OF } });
  open.push(j);
  return j;
}

describe("a pseudonymized copy's propensity model", () => {
  it("holds out the same users as the original, so its answer is the same", async () => {
    const original = await runQuery<PropensityResult>(workspace(), QUERY);
    const copy = workspace();
    pseudonymize(copy.ws.db, "analyst-key-1");
    const shared = await runQuery<PropensityResult>(copy, QUERY);
    expect(shared.model).toEqual(original.model);
    expect(shared.deciles).toEqual(original.deciles);
  });

  it("holds out the same users after --drop-personal renames e-mail ids", async () => {
    const withEmails = (j: Journeys) => {
      j.ws.db.exec("UPDATE users SET external_id = external_id || '@corp.example'");
      return j;
    };
    const original = await runQuery<PropensityResult>(withEmails(workspace()), QUERY);
    const copy = withEmails(workspace());
    scrubPersonal(copy.ws.db, () => false, true, true);
    expect((await runQuery<PropensityResult>(copy, QUERY)).model).toEqual(original.model);
  });

  it("keeps the record through a second pseudonymization (a copy of a copy)", async () => {
    const original = await runQuery<PropensityResult>(workspace(), QUERY);
    const copy = workspace();
    pseudonymize(copy.ws.db, "analyst-key-1");
    pseudonymize(copy.ws.db, "another-key-2");
    expect((await runQuery<PropensityResult>(copy, QUERY)).model).toEqual(original.model);
  });

  it("reads a record of another shape (a hostile file) as none, and skips rows that are no sides", () => {
    const j = workspace();
    j.ws.db.exec("CREATE TABLE propensity_holdout (who TEXT)");
    expect(storedHoldout(j.ws.db)).toBeNull();
    j.ws.db.exec(`DROP TABLE propensity_holdout;
      CREATE TABLE propensity_holdout (id, held_out);
      INSERT INTO propensity_holdout VALUES (1, 1), (2, 'yes'), ('x', 0), (3, 0)`);
    expect([...(storedHoldout(j.ws.db) ?? [])]).toEqual([
      [1, true],
      [3, false],
    ]);
  });
});
