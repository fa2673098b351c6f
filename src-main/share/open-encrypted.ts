import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { StrataError } from "../../src-preload/contract/errors.ts";
import { decryptFile } from "./container.ts";

/**
 * Decrypts an encrypted shared copy into the data folder (`<dataDir>/opened/`) and returns the plain
 * file's path. A wrong passphrase or a tampered file throws StrataError "passphrase" and writes nothing.
 */
export async function openEncryptedCopy(file: string, passphrase: string, dataDir: string): Promise<string> {
  if (!fs.existsSync(file)) throw new StrataError("not_found", `${file} does not exist`);
  if (passphrase === "") throw new StrataError("passphrase", `${path.basename(file)} needs its passphrase`);
  // decrypted copies hold what their sender protected: readable by this user only
  const dir = path.join(dataDir, "opened");
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const base = path.basename(file).replace(/\.strata$/i, "");
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  const target = path.join(dir, `${base} (opened ${stamp}).strata`);
  const tmp = path.join(dir, `.${base}.${randomBytes(4).toString("hex")}.part`);
  await decryptFile(file, tmp, passphrase, path.basename(file));
  if (fs.existsSync(target)) {
    fs.rmSync(tmp, { force: true });
    throw new StrataError("exists", `${target} already exists`);
  }
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, target);
  return target;
}
