import type { Identity } from "../identity.ts";
import type { Preset } from "./types.ts";

// Name is composed, not a stored value: each part is trimmed so that the join holds one space.
function fullName(u: Identity): string | null {
  const n = [u.raw.first_name, u.raw.last_name].flatMap((x) => (x === null ? [] : [x.trim()])).join(" ");
  return n === "" ? null : n;
}

// CleverTap user profile CSV upload: `identity` is the profile's identity; Email, Phone (with "+"
// and country code) and Name are its reserved profile properties; other columns are custom properties.
export const clevertap: Preset = {
  name: "clevertap",
  label: "CleverTap",
  format: "csv",
  columns: [
    { header: "identity", field: "external_id", value: (u) => u.externalId },
    { header: "Email", field: "email", value: (u) => u.email },
    { header: "Phone", field: "phone", value: (u) => u.phone, verbatim: true },
    { header: "Name", field: "first_name", value: fullName },
  ],
  extraAttributes: true,
  alwaysColumns: ["identity"],
  requires: "an identity (external id)",
  hasRequired: (u) => u.externalId !== null,
  source: "https://docs.clevertap.com/docs/csv-upload",
};
