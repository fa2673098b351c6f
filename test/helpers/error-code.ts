import { StrataError } from "../../src-preload/contract/errors.ts";

// What a call failed with, as the code a StrataError carries: tests compare the code, not a message.

function codeOfError(e: unknown): string {
  return e instanceof StrataError ? e.code : `not a StrataError: ${String(e)}`;
}

/** The StrataError code `fn` throws, or "no error". */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return codeOfError(e);
  }
  return "no error";
}

/** The StrataError code `p` rejects with, or "no error". */
export async function asyncCodeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return codeOfError(e);
  }
  return "no error";
}
