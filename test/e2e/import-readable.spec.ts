import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "./harness.ts";
import { ROOT } from "./paths.ts";

// A JSON export cut off mid-download: the Import view refuses it whole (the workspace keeps its
// events), and with "Keep the readable events" checked it imports the 23 whole events before the
// cut. The numbers on screen are compared with the workspace's own.

const FILE = path.join(ROOT, "test/fixtures/import/truncated-array.json");

function counts(ws: string): { events: number; lastAdded: number | null } {
  const db = new Database(ws, { readonly: true });
  try {
    const events = db.prepare("SELECT count(*) FROM events").pluck().get() as number;
    const lastAdded = db
      .prepare("SELECT added FROM imports WHERE status = 'done' ORDER BY id DESC LIMIT 1")
      .pluck()
      .get() as number | undefined;
    return { events, lastAdded: lastAdded ?? null };
  } finally {
    db.close();
  }
}

test("a truncated JSON file is refused whole; the checkbox keeps its readable events", async ({
  page,
  strata,
}) => {
  // the demo holds a million events: after the commit the engine's columns are rebuilt in full
  test.setTimeout(300_000);
  await strata.openDemo();
  const ws = path.join(strata.dataDir, "demo.strata");
  const before = counts(ws).events;

  await page.getByRole("button", { name: /^Import events$/ }).click();
  strata.answerDialog([FILE]);
  await page.getByRole("button", { name: /Choose files/ }).click();
  const keep = page.getByRole("checkbox", { name: /Keep the readable events/ });
  await expect(keep).toBeVisible();
  await expect(keep).not.toBeChecked();
  await strata.shot("import-readable-01-preview");

  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByText(/truncated-array\.json ends early/)).toBeVisible();
  await expect(page.getByText(/23 events were readable/)).toBeVisible();
  await strata.shot("import-readable-02-refused");
  expect(counts(ws).events).toBe(before);

  await page.getByRole("button", { name: "Import more files" }).click();
  strata.answerDialog([FILE]);
  await page.getByRole("button", { name: /Choose files/ }).click();
  await page.getByRole("checkbox", { name: /Keep the readable events/ }).check();
  await page.getByRole("button", { name: "Start import" }).click();
  const added = page
    .locator(".summary-card .stat")
    .filter({ hasText: "events added" })
    .locator(".stat-value");
  await expect(added).toBeVisible({ timeout: 180_000 });
  await strata.shot("import-readable-03-kept");
  const after = counts(ws);
  expect(after.events - before).toBe(23);
  expect(Number(((await added.textContent()) ?? "").replace(/[^\d]/g, ""))).toBe(after.lastAdded);
});
