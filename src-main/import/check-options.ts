import { StrataError } from "../../src-preload/contract/errors.ts";
import type { ImportOptions } from "../../src-preload/contract/methods/import.ts";
import { isIanaTimezone } from "../../src-preload/contract/plain-checks.ts";
import { PRESETS, presetByName } from "./presets.ts";

// Import options checked before anything is written, with messages that name the option as the
// command line spells it (`--timezone: ...`), like the importer's other messages; the app rewrites
// the flag into its field's label (src-renderer/features/import/app-words.ts). Without this, a bad
// zone surfaced as "the workspace is damaged" after the workspace was created with it, and a
// pattern without a year read every time as 1970 and skipped every row.

const YEAR = /YYYY|YY/;

export function checkImportOptions(o: ImportOptions): void {
  if (o.timezone !== undefined && !isIanaTimezone(o.timezone))
    throw new StrataError(
      "invalid_request",
      `--timezone: "${o.timezone}" is not a known IANA time zone (e.g. UTC, Europe/Berlin, America/New_York)`,
    );
  const f = o.timeFormat;
  if (f !== undefined && f !== "iso" && f !== "epoch" && !YEAR.test(f))
    throw new StrataError(
      "invalid_request",
      `--time-format: "${f}" has no year (YYYY or YY); give a pattern such as "M/D/YYYY H:mm" or "YYYYMMDD", or iso, or epoch`,
    );
  if (o.preset !== undefined && presetByName(o.preset) === undefined)
    throw new StrataError(
      "invalid_request",
      `--preset: unknown preset "${o.preset}"; the presets are ${PRESETS.map((p) => p.name).join(", ")}`,
    );
}
