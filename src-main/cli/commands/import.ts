import fs from "node:fs";
import path from "node:path";
import { StrataError } from "../../../src-preload/contract/errors.ts";
import { ImportOptions, type ImportSummary } from "../../../src-preload/contract/methods/import.ts";
import { checkImportOptions } from "../../import/check-options.ts";
import { startImport } from "../../import/start-import.ts";
import { formatIssues } from "../../validate.ts";
import { Workspace } from "../../workspace/workspace.ts";
import { flag, opt, type ParsedArgs, parseArgs } from "../args.ts";
import type { Command } from "../command.ts";
import { warningLine } from "../warning-line.ts";

const n = (x: number) => x.toLocaleString("en-US");

function optionsFrom(args: ParsedArgs): ImportOptions {
  const raw: Record<string, unknown> = {
    kind: opt(args, "kind"),
    format: opt(args, "format"),
    delimiter: opt(args, "delimiter"),
    header: flag(args, "no-header") ? false : flag(args, "header") ? true : undefined,
    columns: opt(args, "columns")
      ?.split(",")
      .map((c) => c.trim()),
    preset: opt(args, "preset"),
    user: opt(args, "user"),
    event: opt(args, "event"),
    eventName: opt(args, "event-name"),
    time: opt(args, "time"),
    timeFormat: opt(args, "time-format"),
    timezone: opt(args, "timezone"),
    strict: flag(args, "strict") || undefined,
    force: flag(args, "force") || undefined,
    keepReadable: flag(args, "keep-readable") || undefined,
  };
  for (const k of Object.keys(raw)) if (raw[k] === undefined) delete raw[k];
  if (raw.event !== undefined && raw.eventName !== undefined)
    throw new StrataError("invalid_request", "give --event COL or --event-name NAME, not both");
  const parsed = ImportOptions.safeParse(raw);
  if (!parsed.success)
    throw new StrataError("invalid_request", formatIssues(parsed.error.issues, "", raw, flagOf));
  checkImportOptions(parsed.data);
  return parsed.data;
}

/** The option's flag as typed: `timeFormat` -> `--time-format`, `columns[1]` -> `--columns (name 2)`. */
function flagOf(path: readonly PropertyKey[]): string {
  const [key, index] = path;
  if (key === "header") return "--header/--no-header";
  const flagName = `--${String(key).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  return typeof index === "number" ? `${flagName} (name ${index + 1})` : flagName;
}

function describe(s: ImportSummary, kind: string): string {
  const lines = [
    `${path.basename(s.file)}: ${n(s.rowsRead)} rows read, ${n(s.added)} ${kind} added (${n(s.usersAdded)} new user${s.usersAdded === 1 ? "" : "s"}), ${n(s.skipped)} skipped, ${s.seconds.toFixed(1)} s`,
  ];
  for (const [reason, r] of Object.entries(s.skippedByReason))
    lines.push(`  ${reason}: ${n(r.count)} (first lines ${r.firstLines.join(", ")})`);
  for (const [reason, r] of Object.entries(s.warnings)) lines.push(`  ${warningLine(reason, r)}`);
  return lines.join("\n");
}

type ReasonCounts = ImportSummary["skippedByReason"];

/** The files' counts by reason, added up; the first lines are the first file's that has the reason. */
function mergedCounts(perFile: ReasonCounts[]): ReasonCounts {
  const byReason: ReasonCounts = {};
  for (const counts of perFile)
    for (const [reason, rows] of Object.entries(counts)) {
      const merged = byReason[reason] ?? { count: 0, firstLines: [] };
      merged.count += rows.count;
      if (merged.firstLines.length === 0) merged.firstLines = rows.firstLines;
      byReason[reason] = merged;
    }
  return byReason;
}

export const importCommand: Command = {
  name: "import",
  usage: "strata import FILE... --workspace WS [options]",
  summary: "imports events (or --kind users: user profiles) into WS, creating it if absent",
  options: {
    workspace: { value: true },
    format: { value: true },
    delimiter: { value: true },
    header: { value: false },
    "no-header": { value: false },
    columns: { value: true },
    preset: { value: true },
    user: { value: true },
    event: { value: true },
    "event-name": { value: true },
    time: { value: true },
    "time-format": { value: true },
    timezone: { value: true },
    kind: { value: true },
    strict: { value: false },
    force: { value: false },
    "keep-readable": { value: false },
    json: { value: false },
  },
  async run(argv, io) {
    const args = parseArgs(argv, this.options);
    const file = opt(args, "workspace");
    if (!file || args.positionals.length === 0)
      throw new StrataError("invalid_request", `usage: ${this.usage}`);
    const options = optionsFrom(args);
    for (const input of args.positionals)
      if (!fs.existsSync(input)) throw new StrataError("not_found", `${input} does not exist`);
    const started = performance.now();
    // Held open for the whole import: the lock keeps other writers out while the worker writes.
    const ws = fs.existsSync(file)
      ? Workspace.open(file)
      : Workspace.create(file, options.timezone ? { timezone: options.timezone } : {});
    let summaries: ImportSummary[];
    const tty = !flag(args, "json") && process.stderr.isTTY;
    try {
      const job = startImport({ workspace: ws.path, files: args.positionals, options }, (pr) => {
        if (!tty) return;
        const pct = pr.totalBytes > 0 ? Math.round((100 * pr.bytes) / pr.totalBytes) : 0;
        const eta = pr.etaSeconds === null ? "" : `, ${Math.ceil(pr.etaSeconds)} s left`;
        io.err(
          `\r${path.basename(pr.file)}: ${pct}%, ${n(pr.rows)} rows, ${n(pr.rowsPerSecond)} rows/s${eta}   `,
        );
      });
      const stop = () => job.cancel();
      process.once("SIGINT", stop);
      try {
        summaries = await job.done;
      } finally {
        process.off("SIGINT", stop);
        if (tty) io.err("\r\x1b[K");
        // the last connection to close leaves the file in rollback-journal mode (read-only media
        // can open it): let the worker's close before ours
        await job.exited;
      }
    } finally {
      ws.close();
    }
    const kind = options.kind ?? "events";
    const total = (k: "rowsRead" | "added" | "usersAdded" | "skipped") =>
      summaries.reduce((a, s) => a + s[k], 0);
    const seconds = (performance.now() - started) / 1000;
    if (flag(args, "json")) {
      io.out(
        `${JSON.stringify(
          {
            workspace: ws.path,
            kind,
            rowsRead: total("rowsRead"),
            added: total("added"),
            usersAdded: total("usersAdded"),
            skipped: total("skipped"),
            skippedByReason: mergedCounts(summaries.map((s) => s.skippedByReason)),
            warnings: mergedCounts(summaries.map((s) => s.warnings)),
            seconds: Math.round(seconds * 1000) / 1000,
            files: summaries,
          },
          null,
          2,
        )}\n`,
      );
    } else {
      io.out(`${summaries.map((s) => describe(s, kind)).join("\n")}\nworkspace: ${ws.path}\n`);
    }
    return 0;
  },
};
