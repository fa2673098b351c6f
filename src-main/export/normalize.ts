import { CALLING_CODES, countryAlpha2, KEEPS_LEADING_ZERO, US_STATE_CODES } from "./countries.ts";

// Identifier normalization shared by the presets. Every function returns null for a value that
// cannot be made valid, so that the caller can count it instead of exporting garbage.
// The rules and their sources are in resources/docs/export-presets.md.

const EMAIL = /^[^\s@"(),:;<>[\\\]]+@[^\s@"(),:;<>[\\\]]+\.[^\s@"(),:;<>[\\\]]+$/;

/** Trimmed and lowercased; null unless it looks like local@domain.tld. */
export function normalizeEmail(value: string): string | null {
  const v = value.trim().toLowerCase();
  return EMAIL.test(v) ? v : null;
}

/**
 * E.164 ("+" then 7 to 15 digits). A number written with "+" or "00" carries its calling code.
 * Otherwise it is read as a national number of `country` (ISO alpha-2): its trunk prefix 0 is dropped
 * (kept for Italy, San Marino, Vatican) and the country's calling code put in front; a number of 11+
 * digits that already starts with that calling code is taken as carrying it. Without a country a
 * national number cannot be placed, so it is null. Extensions ("x123", "ext. 4") are dropped.
 */
export function toE164(value: string, country: string | null): string | null {
  let phone = value.trim().replace(/\s*(?:ext\.?|x|#)\s*\d+$/i, "");
  if (/[a-z]/i.test(phone)) return null;
  let international = false;
  if (phone.startsWith("+")) {
    international = true;
    phone = phone.slice(1);
  }
  let digits = phone.replace(/[\s().\-/]/g, "");
  if (!/^\d+$/.test(digits)) return null;
  if (!international && digits.startsWith("00")) {
    international = true;
    digits = digits.slice(2);
  }
  if (!international) {
    const cc = country ? CALLING_CODES.get(country) : undefined;
    if (!cc || !country) return null;
    if (digits.length >= 11 && digits.startsWith(cc)) {
      // already carries its calling code, written without "+"
    } else {
      if (digits.startsWith("0") && !KEEPS_LEADING_ZERO.has(country)) digits = digits.slice(1);
      digits = cc + digits;
    }
  }
  if (digits.startsWith("0") || digits.length < 7 || digits.length > 15) return null;
  return `+${digits}`;
}

/** ISO 3166-1 alpha-2 in upper case ("United Kingdom" -> "GB"), null when unknown. */
export function normalizeCountry(value: string): string | null {
  return countryAlpha2(value);
}

/** Lowercased letters only (accents kept, NFC): Meta's fn, ln and ct. */
export function lettersOnly(value: string): string | null {
  const v = value
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}]/gu, "");
  return v === "" ? null : v;
}

/** Meta's st: the 2-letter code for a US state, else lowercased letters only. */
export function metaState(value: string, country: string | null): string | null {
  const v = value.trim().toLowerCase().replace(/\s+/g, " ");
  if (country === "US" || country === null) {
    const code = US_STATE_CODES.get(v.replace(/\./g, ""));
    if (code) return code;
  }
  return lettersOnly(v);
}

/** Google's names: trimmed and lowercased (inner spaces kept). */
export function trimLower(value: string): string | null {
  const v = value.normalize("NFC").trim().toLowerCase();
  return v === "" ? null : v;
}

/** A postal code as written, trimmed, inner whitespace collapsed. */
export function normalizeZip(value: string): string | null {
  const v = value.trim().replace(/\s+/g, " ");
  return v === "" ? null : v;
}
