import { Timezone } from "../../../src-preload/contract/common.ts";
import { StrataError } from "../../../src-preload/contract/errors.ts";
import { ExportPreset, type ExportRequest } from "../../../src-preload/contract/methods/export.ts";
import { PropensityQuery } from "../../../src-preload/contract/predict.ts";
import { Segment } from "../../../src-preload/contract/segment.ts";
import { createEngine, type QueryEngine } from "../../engine/index.ts";
import { runExport } from "../../export/run-export.ts";
import { parseOrThrow } from "../../validate.ts";
import { Workspace } from "../../workspace/workspace.ts";
import { flag, opt, parseArgs } from "../args.ts";
import type { Command } from "../command.ts";

const n = (x: number) => x.toLocaleString("en-US");
const USAGE =
  "strata export WS --segment ID|JSON --preset NAME --out FILE [--attributes a,b] [--map field=attribute]... [--bom] [--force] [--propensity JSON] [--timezone ZONE] [--json]";

function segmentArg(v: string): ExportRequest["segment"] {
  if (!v.trimStart().startsWith("{")) return { id: v };
  let json: unknown;
  try {
    json = JSON.parse(v);
  } catch (e) {
    throw new StrataError("invalid_request", `--segment: not valid JSON (${(e as Error).message})`);
  }
  return { definition: parseOrThrow(Segment, json, "segment") };
}

/** --timezone ZONE: the zone the segment's days and the best send hour are read in (the app's top bar) */
function timezoneArg(v: string | undefined): Pick<ExportRequest, "timezone"> {
  return v === undefined ? {} : { timezone: parseOrThrow(Timezone, v, "--timezone") };
}

/** --propensity '{"kind":"propensity",...}': the model of the $propensityScore column */
function propensityArg(v: string | undefined): Pick<ExportRequest, "propensity"> {
  if (v === undefined) return {};
  let json: unknown;
  try {
    json = JSON.parse(v);
  } catch (e) {
    throw new StrataError("invalid_request", `--propensity: not valid JSON (${(e as Error).message})`);
  }
  return { propensity: parseOrThrow(PropensityQuery, json, "--propensity") };
}

function mapArgs(values: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf("=");
    if (eq <= 0) throw new StrataError("invalid_request", `--map ${v}: write it as preset_field=attribute`);
    map[v.slice(0, eq).trim()] = v.slice(eq + 1).trim();
  }
  return map;
}

/** For writing (the export is recorded in the workspace); read-only when the app has it open. */
function openForExport(file: string, io: { err(t: string): void }): Workspace {
  try {
    return Workspace.open(file);
  } catch (e) {
    if (!(e instanceof StrataError) || e.code !== "locked") throw e;
    io.err(
      `${e.message}\nexporting read-only: the manifest is written beside the file but not recorded in the workspace\n`,
    );
    return Workspace.open(file, { readonly: true });
  }
}

export const exportCommand: Command = {
  name: "export",
  usage: USAGE,
  summary:
    "writes a segment's members for a campaign tool (braze, clevertap, iterable, mailchimp, meta, google, csv, ndjson)",
  options: {
    segment: { value: true },
    preset: { value: true },
    out: { value: true },
    attributes: { value: true },
    map: { value: true, multiple: true },
    bom: { value: false },
    propensity: { value: true },
    timezone: { value: true },
    force: { value: false },
    json: { value: false },
  },
  async run(argv, io) {
    const args = parseArgs(argv, this.options);
    const file = args.positionals[0];
    const segment = opt(args, "segment");
    const preset = opt(args, "preset");
    const out = opt(args, "out");
    if (!file || args.positionals.length > 1 || !segment || !preset || !out)
      throw new StrataError("invalid_request", `usage: ${USAGE}`);
    const attributes = opt(args, "attributes")
      ?.split(",")
      .map((a) => a.trim())
      .filter((a) => a !== "");
    const request: ExportRequest = {
      segment: segmentArg(segment),
      preset: parseOrThrow(ExportPreset, preset, "--preset"),
      out,
      ...(attributes !== undefined ? { attributes } : {}),
      map: mapArgs(args.options.get("map") ?? []),
      bom: flag(args, "bom"),
      ...propensityArg(opt(args, "propensity")),
      ...timezoneArg(opt(args, "timezone")),
      overwrite: flag(args, "force"),
    };
    const ws = openForExport(file, io);
    let engine: QueryEngine | null = null;
    const ctl = new AbortController();
    const onInt = () => ctl.abort();
    process.once("SIGINT", onInt);
    const started = performance.now();
    let progressShown = false;
    try {
      const manifest = await runExport({
        ws,
        engine: () => {
          engine ??= createEngine(ws);
          return engine;
        },
        request,
        signal: ctl.signal,
        onProgress: (done, total) => {
          progressShown = true;
          io.err(
            `\rexporting: ${total ? Math.floor((100 * done) / total) : 100}% (${n(done)} of ${n(total)})`,
          );
        },
      });
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      io.err(
        `\r${n(manifest.written)} rows written to ${manifest.file} in ${secs} s (manifest: ${manifest.file}.manifest.json)\n`,
      );
      if (manifest.missingIdentifier > 0)
        io.err(
          `${n(manifest.missingIdentifier)} of ${n(manifest.members)} members lack ${manifest.requires} and were left out\n`,
        );
      const bad = Object.entries(manifest.invalid).filter(([, c]) => c > 0);
      if (bad.length > 0) io.err(`unusable values: ${bad.map(([k, c]) => `${n(c)} ${k}`).join(", ")}\n`);
      if (flag(args, "json")) io.out(`${JSON.stringify(manifest, null, 2)}\n`);
      return 0;
    } catch (err) {
      // the error starts on its own line, not after the progress counter
      if (progressShown) io.err("\n");
      throw err;
    } finally {
      process.removeListener("SIGINT", onInt);
      await (engine as QueryEngine | null)?.close();
      ws.close();
    }
  },
};
