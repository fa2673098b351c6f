import fs from "node:fs";
import path from "node:path";
import { StrataError } from "../../src-preload/contract/errors.ts";
import { MAGIC } from "../share/magic.ts";

// An encrypted shared copy is opened by the CLI with a passphrase from STRATA_PASSPHRASE or typed at
// a terminal prompt, never from the command line (where `ps` and the shell history show it to
// anyone). It is decrypted into a private temporary folder (0700) that is removed when the command
// ends, and by the next run if the command is killed.

export function isEncryptedCopy(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, "r");
    const head = Buffer.alloc(MAGIC.length);
    return fs.readSync(fd, head, 0, head.length, 0) === head.length && head.equals(MAGIC);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Reads a line from the terminal without echoing it; null when there is no terminal. */
export function promptHidden(question: string): Promise<string | null> {
  const input = process.stdin;
  if (!input.isTTY || !process.stderr.isTTY) return Promise.resolve(null);
  process.stderr.write(question);
  return new Promise((resolve) => {
    let text = "";
    input.setRawMode(true);
    input.resume();
    const done = (value: string | null) => {
      input.setRawMode(false);
      input.pause();
      input.removeListener("data", onData);
      process.stderr.write("\n");
      resolve(value);
    };
    const onData = (b: Buffer) => {
      for (const ch of b.toString("utf8")) {
        if (ch === "\r" || ch === "\n") return done(text);
        if (ch === "\u0003" || ch === "\u0004") return done(null); // Ctrl-C, Ctrl-D
        if (ch === "\u007f" || ch === "\b") text = text.slice(0, -1);
        else text += ch;
      }
    };
    input.on("data", onData);
  });
}

export async function passphraseFor(file: string): Promise<string> {
  const env = process.env.STRATA_PASSPHRASE;
  if (env !== undefined && env !== "") return env;
  const typed = await promptHidden(`passphrase for ${path.basename(file)}: `);
  if (typed === null || typed === "")
    throw new StrataError(
      "passphrase",
      `${path.basename(file)} is an encrypted Strata copy: set STRATA_PASSPHRASE or run it at a terminal to be asked (a passphrase is never taken from the command line)`,
    );
  return typed;
}

/**
 * Runs `fn` on a plain workspace: `file` itself, or its decryption in a private folder removed
 * afterwards. A wrong passphrase or a tampered copy is a "passphrase" error and nothing is left.
 */
export async function withPlainFile<T>(file: string, fn: (plain: string) => Promise<T>): Promise<T> {
  if (!isEncryptedCopy(file)) return fn(file);
  // loaded only for an encrypted copy: a plain workspace's query does not pay for the crypto code
  const { privateTempDir, sweepPrivateTemps } = await import("../export/destination.ts");
  const { decryptFile } = await import("../share/container.ts");
  sweepPrivateTemps();
  const pass = await passphraseFor(file);
  const dir = privateTempDir();
  try {
    const plain = path.join(dir, `${path.basename(file).replace(/\.strata$/i, "")}.strata`);
    await decryptFile(file, plain, pass, path.basename(file));
    fs.chmodSync(plain, 0o600);
    return await fn(plain);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
