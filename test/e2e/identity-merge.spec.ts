import fs from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "./harness.ts";
import { go } from "./steps.ts";

// Identity merge in the app: an Amplitude export in which people browse under a device id, sign up
// and browse again is imported into the demo. Settings shows how many ids were merged; switching
// the merge off and on changes the users the Data view and a segment count show, and every number
// on screen is the engine's answer for the setting of the moment.

const PERSONS = 7;
const EVENT = "idprobe_view";

/** Each person: a view under the device only, the sign-up row with both ids, a view as the user. */
function exportFile(dir: string): string {
  const rows = ["device_id,user_id,event_type,event_time"];
  for (let k = 1; k <= PERSONS; k++) {
    const day = `2025-03-${String(k).padStart(2, "0")}`;
    rows.push(`dev-${k},,${EVENT},${day} 10:00:00`);
    rows.push(`dev-${k},person-${k},idprobe_signup,${day} 10:05:00`);
    rows.push(`,person-${k},${EVENT},${day} 10:10:00`);
  }
  const file = path.join(dir, "amplitude-identity.csv");
  fs.writeFileSync(file, `${rows.join("\n")}\n`);
  return file;
}

const int = (s: string) => Number(s.replace(/[^\d]/g, ""));

/** The "Users, all time" cell of the probe event in the Data view's catalog. */
async function usersOnScreen(page: Page): Promise<number> {
  await go(page, "Data");
  await page.getByRole("tab", { name: "Catalog" }).click();
  const row = page.getByRole("table", { name: "Events" }).locator("tbody tr").filter({ hasText: EVENT });
  await expect(row).toHaveCount(1);
  return int((await row.locator("td").nth(2).textContent()) ?? "");
}

test("the identity merge switch in Settings: merged ids counted once, every number follows", async ({
  page,
  strata,
}) => {
  // the demo holds a million events: the import and each switch rebuild its timeline
  test.setTimeout(300_000);
  await strata.openDemo();
  const session = strata.bridge.session;
  /** the engine's answer: users who did the probe event, as the main process counts them now */
  const engineUsers = async () => {
    const r = await session.query({ kind: "segmentCount", segment: { performed: { event: EVENT } } });
    return r.users;
  };

  await page.getByRole("button", { name: /^Import events$/ }).click();
  strata.answerDialog([exportFile(strata.dataDir)]);
  await page.getByRole("button", { name: /Choose files/ }).click();
  await page.getByRole("button", { name: "Start import" }).click();
  await expect(
    page.locator(".summary-card .stat").filter({ hasText: "events added" }).locator(".stat-value"),
  ).toHaveText(String(PERSONS * 3), { timeout: 180_000 });

  // merged (the default): one person per device
  const mergedOnScreen = await usersOnScreen(page);
  expect(mergedOnScreen).toBe(await engineUsers());
  expect(mergedOnScreen).toBe(PERSONS);

  await go(page, "Settings");
  const setting = page.getByTestId("identity-merge");
  const sw = setting.getByRole("checkbox", { name: /Merge anonymous ids/ });
  await expect(sw).toBeChecked();
  await expect(page.getByTestId("identity-merge-count")).toContainText(`${PERSONS} anonymous ids are merged`);
  await strata.shot("identity-merge-01-on");

  await sw.uncheck();
  await expect(sw).not.toBeChecked();
  await expect(page.getByTestId("identity-merge-count")).toContainText("Off:", { timeout: 120_000 });
  await strata.shot("identity-merge-02-off");
  // apart: the device and the user are two users each
  const apartOnScreen = await usersOnScreen(page);
  expect(apartOnScreen).toBe(await engineUsers());
  expect(apartOnScreen).toBe(2 * PERSONS);

  await go(page, "Settings");
  await sw.check();
  await expect(page.getByTestId("identity-merge-count")).toContainText(
    `${PERSONS} anonymous ids are merged`,
    {
      timeout: 120_000,
    },
  );
  const againOnScreen = await usersOnScreen(page);
  expect(againOnScreen).toBe(await engineUsers());
  expect(againOnScreen).toBe(PERSONS);

  // the user lookup: a merged device id shows its person, with the anonymous view
  await page.getByLabel("User id").fill("dev-3");
  await page.getByRole("button", { name: "Look up" }).click();
  const timeline = page.getByRole("complementary", { name: "Timeline of dev-3" });
  await expect(timeline.getByRole("note")).toContainText("dev-3 was merged into person-3");
  await expect(timeline.locator(".tl-event")).toHaveCount(3);
  await strata.shot("identity-merge-03-lookup");
});
