import type { ShareOptions } from "../../../src-preload/contract/methods/export.ts";
import { parseAttributeList } from "./presets.ts";

// The share dialog's form as plain data, and what it asks of the main process. Pure, so the rules
// (minimum lengths, matching passphrases) read the same as the contract's.

export interface ShareForm {
  events: boolean;
  pseudonymize: boolean;
  key: string;
  dropPersonal: boolean;
  dropOthers: string;
  encrypt: boolean;
  passphrase: string;
  confirm: string;
}

export const EMPTY_SHARE_FORM: ShareForm = {
  events: true,
  pseudonymize: false,
  key: "",
  dropPersonal: false,
  dropOthers: "",
  encrypt: false,
  passphrase: "",
  confirm: "",
};

/** What is wrong with the form, in words; null when it can be shared. */
export function shareProblem(f: ShareForm): string | null {
  if (f.pseudonymize && f.key.length < 8) return "The pseudonymization key needs at least 8 characters.";
  if (f.encrypt && f.passphrase.length < 8) return "The passphrase needs at least 8 characters.";
  if (f.encrypt && f.passphrase !== f.confirm) return "The two passphrases differ.";
  return null;
}

export function shareOptions(f: ShareForm, out: string): ShareOptions {
  const others = parseAttributeList(f.dropOthers);
  return {
    out,
    ...(f.events ? {} : { events: false }),
    ...(f.pseudonymize ? { pseudonymizeKey: f.key } : {}),
    ...(f.dropPersonal ? { dropPersonal: true } : {}),
    ...(others.length > 0 ? { dropAttributes: others } : {}),
    ...(f.encrypt ? { passphrase: f.passphrase } : {}),
  };
}

/** A random key the analyst can keep (128 bits, hex). */
export function randomKey(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
}
