import type { Preset } from "./types.ts";

// Braze user CSV import: `external_id` identifies the user; standard attributes use Braze's names
// (phone in E.164, country as ISO 3166-1 alpha-2, city as home_city); other columns are custom
// attributes.
export const braze: Preset = {
  name: "braze",
  label: "Braze",
  format: "csv",
  columns: [
    { header: "external_id", field: "external_id", value: (u) => u.externalId },
    { header: "email", field: "email", value: (u) => u.email },
    { header: "phone", field: "phone", value: (u) => u.phone, verbatim: true },
    { header: "first_name", field: "first_name", value: (u) => u.raw.first_name },
    { header: "last_name", field: "last_name", value: (u) => u.raw.last_name },
    { header: "home_city", field: "city", value: (u) => u.raw.city },
    { header: "country", field: "country", value: (u) => u.country },
  ],
  extraAttributes: true,
  alwaysColumns: ["external_id"],
  requires: "an external_id",
  hasRequired: (u) => u.externalId !== null,
  source: "https://www.braze.com/docs/user_guide/data/user_data_collection/user_import/",
};
