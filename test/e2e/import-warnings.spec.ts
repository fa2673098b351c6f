import fs from "node:fs";
import path from "node:path";
import { importLog } from "../../src-main/workspace/info.ts";
import { Workspace } from "../../src-main/workspace/workspace.ts";
import { expect, type Page, test } from "./harness.ts";
import { go } from "./steps.ts";

// A European order export (`;`, decimal commas) with two prices that are no numbers: the purchases
// are kept without revenue and the import says so. The summary and, after leaving the workspace and
// coming back, the Data view's import log show the workspace's own count of such rows.

const ORDERS = [
  "customer_id;invoice_date;quantity;unit_price",
  "c1;2024-03-01 10:00:00;2;3,50",
  "c2;2024-03-01 11:00:00;1;n/a",
  "c3;2024-03-01 12:00:00;1;1.234,00",
  "c4;2024-03-01 13:00:00;3;kostenlos",
].join("\n");

function warningsOf(file: string): number {
  const ws = Workspace.open(file, { readonly: true });
  try {
    const entry = importLog(ws).find((e) => e.fileName === "orders.csv");
    return Object.values(entry?.warnings ?? {}).reduce((sum, w) => sum + w.count, 0);
  } finally {
    ws.close();
  }
}

async function openFile(page: Page, answer: () => void, name: string) {
  answer();
  await page.keyboard.press("Control+k");
  await page.keyboard.type("Open workspace");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("workspace-name")).toHaveText(name);
}

test("revenue that cannot be read is counted in the summary and stays in the import log", async ({
  page,
  strata,
}) => {
  await strata.openDemo();
  const file = path.join(strata.dataDir, "orders.strata");
  Workspace.create(file, { timezone: "UTC" }).close();
  const csv = path.join(strata.dataDir, "orders.csv");
  fs.writeFileSync(csv, `${ORDERS}\n`);
  await openFile(page, () => strata.answerDialog(file), "orders");

  await page
    .getByRole("button", { name: /^Import events$/ })
    .first()
    .click();
  strata.answerDialog([csv]);
  await page.getByRole("button", { name: /Choose files/ }).click();
  await page.getByRole("button", { name: "Start import" }).click();
  await expect(
    page.locator(".summary-card .stat").filter({ hasText: "events added" }).locator(".stat-value"),
  ).toHaveText("4", { timeout: 60_000 });
  const engine = warningsOf(file);
  expect(engine).toBe(2);
  await expect(page.locator(".summary-card")).toContainText(
    `${engine} events kept with a warning: unreadable_revenue`,
  );
  await strata.shot("import-warnings-01-summary");

  // away to the demo and back: the log is read from the file, not from the summary just shown
  await openFile(page, () => strata.answerDialog(path.join(strata.dataDir, "demo.strata")), "demo");
  await openFile(page, () => strata.answerDialog(file), "orders");
  await go(page, "Data");
  await page.getByRole("tab", { name: "Catalog" }).click();
  const row = page
    .getByRole("region", { name: "Import log" })
    .locator("tbody tr")
    .filter({ hasText: "orders.csv" });
  await expect(row).toHaveCount(1);
  const headers = await page
    .getByRole("region", { name: "Import log" })
    .locator("thead th")
    .allTextContents();
  const cell = row.locator("td").nth(headers.indexOf("Warnings"));
  await expect(cell).toHaveText(String(engine));
  await expect(cell).toHaveAttribute("title", /unreadable_revenue: 2 \(lines 3, 5\)/);
  await strata.shot("import-warnings-02-log");
});
