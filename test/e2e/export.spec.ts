import fs from "node:fs";
import path from "node:path";
import { shareCopy } from "../../src-main/share/share-copy.ts";
import { Workspace } from "../../src-main/workspace/workspace.ts";
import { expect, test } from "./harness.ts";
import { DEMO_CACHE } from "./paths.ts";
import { go } from "./steps.ts";

// Open the demo, open a segment, export it: the preview shows the preset's exact header and first
// rows, the export writes the file and its manifest, and the Exports view lists it.
test("export a segment with a preview, then find it among recent exports", async ({ page, strata }) => {
  await strata.openDemo();
  await go(page, "Segments");
  await expect(page.getByTestId("segment-count")).toHaveAttribute("aria-busy", "false");
  await page.getByRole("button", { name: "Export", exact: true }).click();

  const dialog = page.getByRole("dialog", { name: /^Export/ });
  await expect(dialog).toBeVisible();
  const preview = dialog.locator(".export-preview-table");
  await expect(preview.locator("th").first()).toHaveText("external_id");
  await expect(preview.locator("tbody tr").first()).toBeVisible();
  await strata.shot("export-01-braze-preview");

  await dialog.getByLabel("Preset").selectOption("meta");
  await expect(preview.locator("th").first()).toHaveText("email");
  await expect(dialog.getByText(/First \d+ rows of [\d,]+ members/)).toBeVisible();
  await strata.shot("export-02-meta-preview");

  const out = path.join(strata.dataDir, "everyone-meta.csv");
  strata.answerDialog(out);
  await dialog.getByRole("button", { name: "Export…" }).click();
  await expect(dialog.getByLabel("Export summary")).toBeVisible();
  await strata.shot("export-03-done");
  expect(fs.readFileSync(out, "utf8").split("\r\n")[0]).toMatch(/^email,phone/);
  expect(JSON.parse(fs.readFileSync(`${out}.manifest.json`, "utf8")).preset).toBe("meta");
  await dialog.getByRole("button", { name: "Close", exact: true }).last().click();

  await go(page, "Exports");
  await expect(page.getByText("everyone-meta.csv").first()).toBeVisible();
  await page.getByText("everyone-meta.csv").first().click();
  await expect(page.getByRole("heading", { name: "Exports", level: 1 })).toBeVisible();
  // the manifest in words, with its numbers (the raw file is one click away)
  const facts = page.getByTestId("manifest-facts");
  const manifest = JSON.parse(fs.readFileSync(`${out}.manifest.json`, "utf8")) as {
    written: number;
    members: number;
  };
  await expect(facts).toContainText(`Rows written${manifest.written.toLocaleString("en-US")}`);
  await expect(facts).toContainText(`Members${manifest.members.toLocaleString("en-US")}`);
  await expect(page.getByRole("complementary", { name: "Manifest" })).toContainText('"preset": "meta"');
  await strata.shot("export-04-recent");
});

test("share an encrypted, pseudonymized copy without personal attributes", async ({ page, strata }) => {
  await strata.openDemo();
  await go(page, "Exports");
  await page.getByRole("button", { name: "Share a copy…" }).click();
  const dialog = page.getByRole("dialog", { name: "Share a copy" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(/Pseudonymize user ids/).check();
  await expect(dialog.getByLabel("Pseudonymization key")).toHaveValue(/^[0-9a-f]{32}$/);
  await dialog.getByLabel(/Without personal attributes/).check();
  await dialog.getByLabel(/Encrypt with a passphrase/).check();
  const share = dialog.getByRole("button", { name: "Share a copy…" });
  await dialog.getByLabel("Passphrase", { exact: true }).fill("correct horse battery");
  await dialog.getByLabel("Passphrase again").fill("correct horse");
  await expect(share).toBeDisabled();
  await expect(dialog.getByText("The two passphrases differ.")).toBeVisible();
  await dialog.getByLabel("Passphrase again").fill("correct horse battery");
  await strata.shot("share-01-options");

  const out = path.join(strata.dataDir, "demo-shared.strata");
  strata.answerDialog(out);
  await share.click();
  await expect(dialog.getByLabel("Shared copy")).toBeVisible();
  await strata.shot("share-02-done");
  expect(fs.readFileSync(out).subarray(0, 8).toString("latin1")).toBe("STRATAEN");
});

test("opening an encrypted copy asks for its passphrase and refuses a wrong one", async ({
  page,
  strata,
}) => {
  const sealed = path.join(strata.dataDir, "from-a-colleague.strata");
  const ws = Workspace.open(DEMO_CACHE, { readonly: true });
  try {
    await shareCopy(ws, { out: sealed, events: false, passphrase: "open sesame 42" });
  } finally {
    ws.close();
  }
  await page.goto(strata.bridge.url);
  strata.answerDialog(sealed);
  await page.getByRole("button", { name: /Open workspace/ }).click();
  const dialog = page.getByRole("dialog", { name: "Encrypted copy" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Passphrase").fill("open sesame 43");
  await dialog.getByRole("button", { name: "Open", exact: true }).click();
  await expect(dialog.getByText(/passphrase is wrong/)).toBeVisible();
  await strata.shot("share-03-wrong-passphrase");
  await dialog.getByLabel("Passphrase").fill("open sesame 42");
  await dialog.getByRole("button", { name: "Open", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("workspace-name")).toContainText("from-a-colleague");
  await strata.shot("share-04-opened");
});
