import fs from "node:fs";
import path from "node:path";

// Where the app keeps cluster passwords: never in the workspace file. In Electron the secrets are
// encrypted by the OS keychain through `safeStorage` (Keychain on macOS, DPAPI on Windows, libsecret
// or kwallet on Linux) and the ciphertext sits in a file in the app's data folder; the test bridge
// and the CLI, which have no keychain, keep them in memory for the session.

export interface Keychain {
  /** false when passwords last only as long as this session (no OS keychain) */
  readonly persistent: boolean;
  get(account: string): string | null;
  set(account: string, secret: string): void;
  delete(account: string): void;
}

/** The part of Electron's `safeStorage` used here (an interface, so that tests need no Electron). */
export interface Encryptor {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(cipher: Buffer): string;
}

/** A password is the server's and the user's, whichever workspace or database names them. */
export function accountOf(c: { url: string; user: string }): string {
  return `${c.user}@${c.url}`;
}

export class MemoryKeychain implements Keychain {
  readonly persistent = false;
  private readonly secrets = new Map<string, string>();
  get(account: string): string | null {
    return this.secrets.get(account) ?? null;
  }
  set(account: string, secret: string): void {
    this.secrets.set(account, secret);
  }
  delete(account: string): void {
    this.secrets.delete(account);
  }
}

/**
 * Ciphertexts from the OS keychain in one JSON file (account -> base64). Where the OS offers no
 * encryption (`safeStorage` unavailable: a Linux session without a secret service) nothing is
 * written: the password is kept in memory for the session rather than stored in plain text.
 */
export class EncryptedFileKeychain implements Keychain {
  private readonly memory = new MemoryKeychain();
  private readonly file: string;
  private readonly crypto: Encryptor;
  constructor(file: string, crypto: Encryptor) {
    this.file = file;
    this.crypto = crypto;
  }

  get persistent(): boolean {
    return this.crypto.isEncryptionAvailable();
  }

  private load(): Record<string, string> {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(this.file, "utf8"));
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return {};
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(parsed)) if (typeof v === "string") out[k] = v;
      return out;
    } catch {
      return {};
    }
  }

  private save(all: Record<string, string>): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(all), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }

  get(account: string): string | null {
    if (!this.persistent) return this.memory.get(account);
    const b64 = this.load()[account];
    if (b64 === undefined) return null;
    try {
      return this.crypto.decryptString(Buffer.from(b64, "base64"));
    } catch {
      // encrypted under another OS user or keychain: as if never stored, the app asks again
      return null;
    }
  }

  set(account: string, secret: string): void {
    if (!this.persistent) {
      this.memory.set(account, secret);
      return;
    }
    const all = this.load();
    all[account] = this.crypto.encryptString(secret).toString("base64");
    this.save(all);
  }

  delete(account: string): void {
    this.memory.delete(account);
    if (!this.persistent) return;
    const all = this.load();
    if (!(account in all)) return;
    delete all[account];
    this.save(all);
  }
}
