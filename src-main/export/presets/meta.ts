import { hashOrNull } from "../hash.ts";
import { lettersOnly, metaState } from "../normalize.ts";
import type { Preset } from "./types.ts";

// Meta Custom Audience customer list: every identifier normalized then SHA-256 (lowercase hex).
// email trimmed and lowercased; phone digits only with the country code (E.164 without "+");
// fn, ln, ct lowercase letters only; st the 2-letter code for US states; country lowercase alpha-2.
const letters = (v: string | null) => (v === null ? null : lettersOnly(v));

export const meta: Preset = {
  name: "meta",
  label: "Meta Custom Audiences",
  format: "csv",
  columns: [
    { header: "email", field: "email", value: (u) => hashOrNull(u.email), verbatim: true },
    {
      header: "phone",
      field: "phone",
      value: (u) => hashOrNull(u.phone === null ? null : u.phone.slice(1)),
      verbatim: true,
    },
    {
      header: "fn",
      field: "first_name",
      value: (u) => hashOrNull(letters(u.raw.first_name)),
      verbatim: true,
    },
    { header: "ln", field: "last_name", value: (u) => hashOrNull(letters(u.raw.last_name)), verbatim: true },
    { header: "ct", field: "city", value: (u) => hashOrNull(letters(u.raw.city)), verbatim: true },
    {
      header: "st",
      field: "region",
      value: (u) => hashOrNull(u.raw.region === null ? null : metaState(u.raw.region, u.country)),
      verbatim: true,
    },
    {
      header: "country",
      field: "country",
      value: (u) => hashOrNull(u.country === null ? null : u.country.toLowerCase()),
      verbatim: true,
    },
  ],
  extraAttributes: false,
  alwaysColumns: ["email", "phone"],
  requires: "a valid email or a phone number with a country code",
  hasRequired: (u) => u.email !== null || u.phone !== null,
  source:
    "https://developers.facebook.com/docs/marketing-api/audiences/guides/custom-audiences#hash and https://www.facebook.com/business/help/2082575038703844",
};
