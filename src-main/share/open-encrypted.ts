import { StrataError } from "../../src-preload/contract/errors.ts";

/** Decrypts an encrypted shared copy into the data folder and returns the plain file's path. */
export async function openEncryptedCopy(
  _file: string,
  _passphrase: string,
  _dataDir: string,
): Promise<string> {
  throw new StrataError("passphrase", "encrypted copies are not supported yet");
}
