import fs from "node:fs";
import path from "node:path";

// Preferences of the app itself (not of a workspace), kept in the app's data folder.

export type Theme = "light" | "dark" | "system";

export interface AppSettings {
  theme: Theme;
}

const DEFAULTS: AppSettings = { theme: "system" };

export function readAppSettings(dataDir: string): AppSettings {
  try {
    const raw = JSON.parse(
      fs.readFileSync(path.join(dataDir, "settings.json"), "utf8"),
    ) as Partial<AppSettings>;
    const theme =
      raw.theme === "light" || raw.theme === "dark" || raw.theme === "system" ? raw.theme : DEFAULTS.theme;
    return { theme };
  } catch {
    return DEFAULTS;
  }
}

export function writeAppSettings(dataDir: string, patch: Partial<AppSettings>): AppSettings {
  const next = { ...readAppSettings(dataDir), ...patch };
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "settings.json");
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(next));
  fs.renameSync(`${file}.tmp`, file);
  return next;
}
