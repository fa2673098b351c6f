import { hashOrNull } from "../hash.ts";
import { normalizeZip, trimLower } from "../normalize.ts";
import type { Preset } from "./types.ts";

// Google Ads Customer Match CSV: Email, Phone, First Name, Last Name hashed with SHA-256 after
// normalization (email trimmed and lowercased; phone in E.164 with "+"; names trimmed and
// lowercased); Country (alpha-2) and Zip stay plain. Address matching needs all four of First Name,
// Last Name, Country and Zip.
const name = (v: string | null) => (v === null ? null : trimLower(v));

export const google: Preset = {
  name: "google",
  label: "Google Customer Match",
  format: "csv",
  columns: [
    { header: "Email", field: "email", value: (u) => hashOrNull(u.email), verbatim: true },
    { header: "Phone", field: "phone", value: (u) => hashOrNull(u.phone), verbatim: true },
    {
      header: "First Name",
      field: "first_name",
      value: (u) => hashOrNull(name(u.raw.first_name)),
      verbatim: true,
    },
    {
      header: "Last Name",
      field: "last_name",
      value: (u) => hashOrNull(name(u.raw.last_name)),
      verbatim: true,
    },
    { header: "Country", field: "country", value: (u) => u.country },
    { header: "Zip", field: "zip", value: (u) => (u.raw.zip === null ? null : normalizeZip(u.raw.zip)) },
  ],
  extraAttributes: false,
  alwaysColumns: ["Email", "Phone"],
  requires: "a valid email, a phone number with a country code, or first name, last name, country and zip",
  hasRequired: (u) =>
    u.email !== null ||
    u.phone !== null ||
    (u.raw.first_name !== null && u.raw.last_name !== null && u.country !== null && u.raw.zip !== null),
  source: "https://support.google.com/google-ads/answer/7659867",
};
