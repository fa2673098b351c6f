import type { ExportPreset } from "../../../src-preload/contract/methods/export.ts";
import { braze } from "./braze.ts";
import { clevertap } from "./clevertap.ts";
import { csv, ndjson } from "./generic.ts";
import { google } from "./google.ts";
import { iterable } from "./iterable.ts";
import { mailchimp } from "./mailchimp.ts";
import { meta } from "./meta.ts";
import type { Preset } from "./types.ts";

export const PRESETS: Record<ExportPreset, Preset> = {
  braze,
  clevertap,
  iterable,
  mailchimp,
  meta,
  google,
  csv,
  ndjson,
};

export type { Column, Preset } from "./types.ts";
