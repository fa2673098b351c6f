import fs from "node:fs";
import path from "node:path";
import type { RecentFile } from "../src-preload/contract/workspace-info.ts";

const MAX = 12;

/** The recently opened workspaces, kept in a small JSON file in the app's data folder. */
export class RecentFiles {
  private readonly file: string;
  constructor(dataDir: string) {
    this.file = path.join(dataDir, "recent.json");
  }

  private read(): { path: string; openedAt: string }[] {
    try {
      const data = JSON.parse(fs.readFileSync(this.file, "utf8")) as unknown;
      if (!Array.isArray(data)) return [];
      return data.filter(
        (d): d is { path: string; openedAt: string } =>
          typeof d === "object" && d !== null && typeof d.path === "string" && typeof d.openedAt === "string",
      );
    } catch {
      return [];
    }
  }

  private write(list: { path: string; openedAt: string }[]): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(list.slice(0, MAX), null, 1));
    fs.renameSync(tmp, this.file);
  }

  list(): RecentFile[] {
    return this.read().map((r) => ({
      path: r.path,
      name: path.basename(r.path).replace(/\.strata$/i, ""),
      openedAt: r.openedAt,
      exists: fs.existsSync(r.path),
    }));
  }

  add(file: string): void {
    const abs = path.resolve(file);
    this.write([
      { path: abs, openedAt: new Date().toISOString() },
      ...this.read().filter((r) => r.path !== abs),
    ]);
  }

  forget(file: string): RecentFile[] {
    const abs = path.resolve(file);
    this.write(this.read().filter((r) => r.path !== abs));
    return this.list();
  }
}
