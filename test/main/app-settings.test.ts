import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readAppSettings, writeAppSettings } from "../../src-main/app-settings.ts";
import { tmpDir } from "../helpers/tmp.ts";

describe("app settings", () => {
  it("keeps the theme across restarts and ignores a damaged file", () => {
    const dir = tmpDir();
    expect(readAppSettings(dir).theme).toBe("system");
    writeAppSettings(dir, { theme: "dark" });
    expect(readAppSettings(dir).theme).toBe("dark");
    fs.writeFileSync(path.join(dir, "settings.json"), '{"theme":"neon"');
    expect(readAppSettings(dir).theme).toBe("system");
  });
});
