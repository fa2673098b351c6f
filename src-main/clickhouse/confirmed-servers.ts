import fs from "node:fs";
import path from "node:path";

// The servers the person at this machine has confirmed in the native dialog, by address and user.
// A workspace file names the server it is connected to; a file from someone else may name any
// server, so what the file says is never taken as a confirmation: only what was answered here.

export interface ConfirmedServers {
  has(url: string, user: string): boolean;
  add(url: string, user: string): void;
}

const keyOf = (url: string, user: string) => `${user}@${url}`;

/** For the life of the process (the test bridge, hosts without a data folder). */
export class MemoryConfirmedServers implements ConfirmedServers {
  private readonly known = new Set<string>();
  has(url: string, user: string): boolean {
    return this.known.has(keyOf(url, user));
  }
  add(url: string, user: string): void {
    this.known.add(keyOf(url, user));
  }
}

/** Kept in the app's data folder, so that a server confirmed once is not asked about again. */
export class FileConfirmedServers implements ConfirmedServers {
  private readonly file: string;
  constructor(file: string) {
    this.file = file;
  }

  private read(): string[] {
    try {
      const raw: unknown = JSON.parse(fs.readFileSync(this.file, "utf8"));
      return Array.isArray(raw) ? raw.filter((k): k is string => typeof k === "string") : [];
    } catch {
      return [];
    }
  }

  has(url: string, user: string): boolean {
    return this.read().includes(keyOf(url, user));
  }

  add(url: string, user: string): void {
    const known = this.read();
    const key = keyOf(url, user);
    if (known.includes(key)) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(`${this.file}.tmp`, JSON.stringify([...known, key]));
    fs.renameSync(`${this.file}.tmp`, this.file);
  }
}
