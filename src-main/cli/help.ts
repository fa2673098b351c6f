import type { Command } from "./command.ts";

// What `strata COMMAND --help` says about each option, and an example per command. Kept apart from
// the commands so that every option is described in one place (a test checks none is missing).

export interface OptionHelp {
  /** the value's placeholder (`FILE`); absent for flags */
  arg?: string;
  text: string;
}

export const OPTION_HELP: Record<string, Record<string, OptionHelp>> = {
  demo: {
    out: { arg: "FILE", text: "where to write the workspace (default demo.strata)" },
    force: { text: "replace an existing file that is not a demo (a workspace with imports or saved items)" },
    users: { arg: "N", text: "how many users to simulate" },
    seed: { arg: "S", text: "random seed: the same seed makes the same workspace" },
  },
  import: {
    workspace: { arg: "WS", text: "the workspace to import into (created if absent)" },
    format: { arg: "FMT", text: "csv|tsv|ndjson|json|auto (default auto; .gz is read transparently)" },
    delimiter: { arg: "C", text: "the column separator of delimited text" },
    header: { text: "the first row names the columns (the default)" },
    "no-header": { text: "the file has no header row (name the columns with --columns)" },
    columns: { arg: "a,b,c", text: "column names for a headerless file" },
    preset: { arg: "NAME", text: "a known export layout (maps user, event and time columns for you)" },
    user: { arg: "COL", text: "the column holding the user id" },
    event: { arg: "COL", text: "the column holding the event name" },
    "event-name": { arg: "NAME", text: "one fixed event name for every row (transaction tables)" },
    time: { arg: "COL", text: "the column holding the event time" },
    "time-format": {
      arg: "FMT",
      text: "how times are written, e.g. M/D/YYYY H:mm or YYYYMMDD (default auto)",
    },
    timezone: { arg: "TZ", text: "how times without an offset are read, e.g. Europe/London" },
    kind: { arg: "KIND", text: "events (default) or users (user profiles)" },
    strict: { text: "stop at the first bad row instead of skipping and reporting it" },
    force: { text: "import a file again even if it was imported before" },
    "keep-readable": {
      text: "a JSON file that ends early: import the events before the cut instead of refusing the file",
    },
    json: { text: "print a summary as JSON (rows read, added, skipped by reason)" },
  },
  info: { json: { text: "print as JSON" } },
  identity: {
    merge: { arg: "on|off", text: "switch identity merge (anonymous ids joined to their user) for WS" },
    json: { text: "print as JSON" },
  },
  query: { on: { arg: "WHERE", text: "local (default) or clickhouse: the workspace's connected cluster" } },
  connect: {
    clickhouse: { arg: "URL", text: "a server of the cluster, its HTTP interface (http://host:8123)" },
    cluster: { arg: "NAME", text: "the cluster in the server's remote_servers (default strata)" },
    database: { arg: "DB", text: "the database for Strata's tables (default strata)" },
    user: {
      arg: "U",
      text: "the ClickHouse user (default default); the password is read from STRATA_CLICKHOUSE_PASSWORD",
    },
  },
  push: {
    json: { text: "print the figures (events sent, batches, events per second) as JSON" },
    batch: { text: "events per batch (default 100000); the same size on every push of a workspace" },
  },
  segments: { json: { text: "print as JSON" } },
  reports: { json: { text: "print as JSON" } },
  export: {
    segment: { arg: "ID|JSON", text: "a saved segment's id, or a segment definition as JSON" },
    preset: {
      arg: "NAME",
      text: "the campaign tool's layout: braze, clevertap, iterable, mailchimp, meta, google, csv, ndjson",
    },
    out: { arg: "FILE", text: "where to write the file" },
    attributes: { arg: "a,b", text: "user attributes to add as columns where the preset allows" },
    map: { arg: "field=attribute", text: "fill a preset field from an attribute (repeatable)" },
    bom: { text: "start the file with a UTF-8 byte order mark (for Excel)" },
    force: { text: "replace an existing regular file at --out (never a symlink or device)" },
    timezone: {
      arg: "ZONE",
      text: "read the segment's days and the best send hour in this IANA zone (default: the workspace's)",
    },
    propensity: {
      arg: "JSON",
      text: "the propensity query whose score the $propensityScore column holds (see predict.md)",
    },
    json: { text: "print a summary as JSON" },
  },
  share: {
    out: { arg: "FILE", text: "where to write the copy" },
    "no-events": { text: "leave the events out (saved reports keep their last results)" },
    "pseudonymize-key": {
      arg: "K",
      text: "replace user ids by keyed hashes (the same key gives the same ids)",
    },
    "drop-personal": { text: "remove attributes that look personal (email, phone, name, address)" },
    "drop-attributes": { arg: "a,b", text: "remove these user attributes" },
    passphrase: { arg: "P", text: "encrypt the copy with this passphrase" },
    "passphrase-file": { arg: "F", text: "encrypt with the passphrase read from this file" },
    json: { text: "print a summary as JSON" },
  },
};

export const EXAMPLES: Record<string, string[]> = {
  demo: ["strata demo --out demo.strata --users 5000 --seed 7"],
  import: [
    "strata import events.csv --workspace shop.strata --user user_id --event event --time ts",
    "strata import Online_Retail.csv --workspace retail.strata --preset transactions --json",
  ],
  info: ["strata info shop.strata --json"],
  query: [
    `strata query shop.strata '{"kind":"funnel","steps":[{"event":"view_item"},{"event":"purchase"}],"range":{"last":30,"unit":"day"}}'`,
    "strata query shop.strata funnel.json",
    "strata query shop.strata funnel.json --on clickhouse",
    "strata query 'clickhouse://ch-1:8123/strata?cluster=strata' funnel.json",
  ],
  connect: ["strata connect shop.strata --clickhouse http://ch-1:8123 --cluster strata --database strata"],
  push: ["strata push shop.strata --json"],
  segments: ["strata segments shop.strata --json"],
  reports: ["strata reports shop.strata --json"],
  export: ["strata export shop.strata --segment 3 --preset braze --out braze.csv --attributes plan,country"],
  share: ["strata share shop.strata --out for-ana.strata --no-events --drop-personal"],
  identity: ["strata identity shop.strata --merge off"],
};

function optionLine(name: string, h: OptionHelp | undefined, multiple: boolean): string {
  const left = `--${name}${h?.arg ? ` ${h.arg}` : ""}`;
  const text = h?.text ?? "";
  return `  ${left.padEnd(26)} ${text}${multiple ? " (repeatable)" : ""}`.trimEnd();
}

/** `strata COMMAND --help`: usage, what it does, every option, examples. */
export function commandHelp(c: Command): string {
  const help = OPTION_HELP[c.name] ?? {};
  const names = Object.keys(c.options);
  const lines = [`usage: ${c.usage}`, "", c.summary, ""];
  if (names.length > 0) {
    lines.push("options:");
    for (const n of names) lines.push(optionLine(n, help[n], c.options[n]?.multiple === true));
    lines.push("");
  }
  lines.push("example:", ...(EXAMPLES[c.name] ?? []).map((e) => `  ${e}`), "");
  return lines.join("\n");
}
