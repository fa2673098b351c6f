import fs from "node:fs";
import path from "node:path";

// The window's size, position and maximized state, remembered between runs.

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

const DEFAULT: WindowState = { width: 1400, height: 900, maximized: false };

function valid(s: unknown): s is WindowState {
  if (typeof s !== "object" || s === null) return false;
  const o = s as Record<string, unknown>;
  return (
    typeof o.width === "number" &&
    typeof o.height === "number" &&
    o.width >= 1024 &&
    o.height >= 700 &&
    typeof o.maximized === "boolean" &&
    (o.x === undefined || typeof o.x === "number") &&
    (o.y === undefined || typeof o.y === "number")
  );
}

export function loadWindowState(dataDir: string): WindowState {
  try {
    const s = JSON.parse(fs.readFileSync(path.join(dataDir, "window-state.json"), "utf8")) as unknown;
    return valid(s) ? s : DEFAULT;
  } catch {
    return DEFAULT;
  }
}

export function saveWindowState(dataDir: string, s: WindowState): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, "window-state.json"), JSON.stringify(s));
  } catch {
    // losing the window position is not worth an error dialog
  }
}
