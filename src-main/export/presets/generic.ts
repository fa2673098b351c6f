import type { Preset } from "./types.ts";

// The generic formats: the external id, then the chosen attributes as they are stored (all of the
// workspace's user attributes when none are chosen).
export const csv: Preset = {
  name: "csv",
  label: "CSV",
  format: "csv",
  columns: [{ header: "external_id", field: "external_id", value: (u) => u.externalId }],
  extraAttributes: true,
  alwaysColumns: ["external_id"],
  requires: "an external id",
  hasRequired: (u) => u.externalId !== null,
  source: "RFC 4180",
};

export const ndjson: Preset = {
  ...csv,
  name: "ndjson",
  label: "NDJSON",
  format: "ndjson",
  source: "https://github.com/ndjson/ndjson-spec",
};
