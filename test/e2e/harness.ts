import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import { methodNames } from "../../src-preload/contract/method-names.ts";
import { installBridgeClient } from "./bridge/client.ts";
import { type Bridge, startBridge } from "./bridge/server.ts";
import { DEMO_CACHE, RENDERER_DIR, SHOTS_DIR } from "./paths.ts";

export interface Strata {
  bridge: Bridge;
  dataDir: string;
  /** loads the app with the demo workspace open */
  openDemo(): Promise<void>;
  /** a full-window screenshot at test-results/screenshots/<name>.png */
  shot(name: string): Promise<string>;
  /** answers the next native dialog (open/save/choose files) the app shows */
  answerDialog(answer: string | string[] | null): void;
}

export const test = base.extend<{ strata: Strata }>({
  strata: async ({ page }, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-e2e-"));
    // The demo is built once by global-setup; the session finds it at <dataDir>/demo.strata.
    if (fs.existsSync(DEMO_CACHE)) fs.copyFileSync(DEMO_CACHE, path.join(dataDir, "demo.strata"));
    const bridge = await startBridge({ rendererDir: RENDERER_DIR, dataDir });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.addInitScript(installBridgeClient, { token: bridge.token, methods: [...methodNames] });
    const strata: Strata = {
      bridge,
      dataDir,
      async openDemo() {
        await page.goto(bridge.url);
        await page
          .getByRole("button", { name: /open (the )?demo/i })
          .first()
          .click();
        await expect(page.getByTestId("workspace-name")).toBeVisible();
      },
      async shot(name) {
        fs.mkdirSync(SHOTS_DIR, { recursive: true });
        const file = path.join(SHOTS_DIR, `${name}.png`);
        await page.screenshot({ path: file, animations: "disabled" });
        return file;
      },
      answerDialog(answer) {
        bridge.dialogAnswers.push(answer);
      },
    };
    await use(strata);
    await bridge.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    expect(errors, "uncaught errors in the page").toEqual([]);
  },
});

export { expect, type Page };
