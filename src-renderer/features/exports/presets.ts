import type { ExportPreset } from "../../../src-preload/contract/methods/export.ts";

// What the export dialog says about each preset (the rules themselves live in the main process;
// resources/docs/export-presets.md has them with their sources).

export interface PresetInfo {
  id: ExportPreset;
  label: string;
  hint: string;
  extension: "csv" | "ndjson";
  /** whether extra attributes can be added as columns */
  attributes: boolean;
}

export const PRESET_INFO: readonly PresetInfo[] = [
  {
    id: "braze",
    label: "Braze",
    hint: "external_id, email, phone (E.164), country + custom attributes",
    extension: "csv",
    attributes: true,
  },
  {
    id: "clevertap",
    label: "CleverTap",
    hint: "identity, Email, Phone, Name + custom properties",
    extension: "csv",
    attributes: true,
  },
  {
    id: "iterable",
    label: "Iterable",
    hint: "email and userId + user fields",
    extension: "csv",
    attributes: true,
  },
  {
    id: "mailchimp",
    label: "Mailchimp",
    hint: "Email Address + merge fields; members without email are left out",
    extension: "csv",
    attributes: true,
  },
  {
    id: "meta",
    label: "Meta Custom Audiences",
    hint: "email, phone, fn, ln, ct, st, country, normalized and SHA-256 hashed",
    extension: "csv",
    attributes: false,
  },
  {
    id: "google",
    label: "Google Customer Match",
    hint: "Email, Phone, names hashed (SHA-256); Country, Zip plain",
    extension: "csv",
    attributes: false,
  },
  {
    id: "csv",
    label: "CSV",
    hint: "external_id + chosen attributes (all when none are chosen)",
    extension: "csv",
    attributes: true,
  },
  {
    id: "ndjson",
    label: "NDJSON",
    hint: "one JSON object per member, attributes with their types",
    extension: "ndjson",
    attributes: true,
  },
];

export function presetInfo(id: ExportPreset): PresetInfo {
  return PRESET_INFO.find((p) => p.id === id) ?? (PRESET_INFO[0] as PresetInfo);
}

/** "Pro users" + braze -> "Pro users - braze.csv", without characters file systems refuse. */
export function defaultFileName(segmentName: string, preset: ExportPreset): string {
  const base =
    [...segmentName]
      .map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? " " : ch))
      .join("")
      .replace(/\s+/g, " ")
      .trim() || "segment";
  return `${base} - ${preset}.${presetInfo(preset).extension}`;
}

/** "plan, country ,," -> ["plan", "country"] */
export function parseAttributeList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(",")
        .map((a) => a.trim())
        .filter((a) => a !== ""),
    ),
  ];
}
