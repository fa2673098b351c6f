import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EncryptedFileKeychain, type Encryptor } from "../../../src-main/clickhouse/keychain.ts";

// The app's password store: ciphertext from the OS keychain (Electron's safeStorage) in a file,
// never the password itself; nothing written where the OS offers no encryption.

/** Stands in for safeStorage, which needs Electron: a reversible transform, with a switch. */
function osKeychain(available: boolean): Encryptor & { available: boolean } {
  const key = 0x5a;
  return {
    available,
    isEncryptionAvailable() {
      return this.available;
    },
    encryptString: (plain) => Buffer.from(Buffer.from(`v10${plain}`, "utf8").map((b) => b ^ key)),
    decryptString: (cipher) => {
      const plain = Buffer.from(cipher.map((b) => b ^ key)).toString("utf8");
      if (!plain.startsWith("v10")) throw new Error("not ours");
      return plain.slice(3);
    },
  };
}

const dirs: string[] = [];
function tmpFile(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "strata-keychain-"));
  dirs.push(d);
  return path.join(d, "sub", "cluster-passwords.json");
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("EncryptedFileKeychain", () => {
  it("keeps passwords across instances as ciphertext only", () => {
    const file = tmpFile();
    const crypto = osKeychain(true);
    const a = new EncryptedFileKeychain(file, crypto);
    a.set("strata@http://ch:8123", "pa'ss\u00e9 word");
    a.set("other@http://ch:8123", "second");
    const b = new EncryptedFileKeychain(file, crypto);
    expect(b.persistent).toBe(true);
    expect(b.get("strata@http://ch:8123")).toBe("pa'ss\u00e9 word");
    expect(b.get("nobody@http://ch:8123")).toBeNull();
    const raw = fs.readFileSync(file, "utf8");
    expect(raw).not.toContain("pa'ss");
    expect(raw).not.toContain("second");
    b.delete("strata@http://ch:8123");
    expect(new EncryptedFileKeychain(file, crypto).get("strata@http://ch:8123")).toBeNull();
    expect(new EncryptedFileKeychain(file, crypto).get("other@http://ch:8123")).toBe("second");
  });

  it("writes nothing without OS encryption: the password lasts for the session", () => {
    const file = tmpFile();
    const k = new EncryptedFileKeychain(file, osKeychain(false));
    expect(k.persistent).toBe(false);
    k.set("u@http://ch:8123", "secret");
    expect(k.get("u@http://ch:8123")).toBe("secret");
    expect(fs.existsSync(file)).toBe(false);
    expect(new EncryptedFileKeychain(file, osKeychain(false)).get("u@http://ch:8123")).toBeNull();
  });

  it("treats a ciphertext it cannot decrypt, or a damaged file, as no password", () => {
    const file = tmpFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ "u@http://ch:8123": Buffer.from("garbage").toString("base64") }));
    expect(new EncryptedFileKeychain(file, osKeychain(true)).get("u@http://ch:8123")).toBeNull();
    fs.writeFileSync(file, "{not json");
    const k = new EncryptedFileKeychain(file, osKeychain(true));
    expect(k.get("u@http://ch:8123")).toBeNull();
    k.set("u@http://ch:8123", "fresh");
    expect(k.get("u@http://ch:8123")).toBe("fresh");
  });
});
