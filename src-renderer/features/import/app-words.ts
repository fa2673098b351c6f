// The importer's messages are shared with the command line and name its flags ("name it with --user
// COL"). In the app the analyst has no flags: the mapping's fields and buttons do the same things, so
// the messages name those instead.

const PHRASES: [RegExp, string][] = [
  [/;? ?name it with --user COL/g, "; choose it as the User id column"],
  [
    /;? ?name it with --event COL or give every row one name with --event-name NAME/g,
    "; choose the Event name column, or type one event name for every row",
  ],
  [/;? ?name it with --time COL/g, "; choose it as the Time column"],
  [/give the pattern with --time-format, e\.g\./g, "choose a time column whose values are dates, e.g."],
  [/; import it again with --force/g, "; it was not imported again"],
  [/without --strict such rows are skipped and reported/g, "such rows are skipped and reported"],
  [/--columns names (\d+) columns/g, "the column names given are $1"],
  [/--delimiter must be/g, "the delimiter must be"],
  [
    /Import the readable events with --keep-readable \(in the app: "Keep the readable events"\)/g,
    "To import the readable events, check “Keep the readable events of a file that ends early”",
  ],
  [/give the layout with --time-format/g, "choose a time column whose values are times"],
  [
    /give the order with --time-format ("[^"]*") or --time-format ("[^"]*")/g,
    "type $1 or $2 as the Time format",
  ],
];

/** What each importer flag is called in the app's import mapping. */
const FIELDS: Record<string, string> = {
  workspace: "workspace",
  format: "file format",
  delimiter: "delimiter",
  header: "header row",
  "no-header": "header row",
  columns: "column names",
  preset: "recognized layout",
  user: "User id column",
  event: "Event name column",
  "event-name": "event name for every row",
  time: "Time column",
  "time-format": "time format",
  timezone: "“Times without a zone are in”",
  kind: "“Rows are”",
  strict: "strict mode",
  force: "re-import",
  "keep-readable": "“Keep the readable events” checkbox",
  json: "summary",
};

/** The same fields by their key in the import options (`options.timeFormat` in a request error). */
const KEYS: Record<string, string> = {
  kind: "kind",
  format: "format",
  delimiter: "delimiter",
  header: "header",
  columns: "columns",
  preset: "preset",
  user: "user",
  event: "event",
  eventName: "event-name",
  time: "time",
  timeFormat: "time-format",
  timezone: "timezone",
  strict: "strict",
  force: "force",
  keepReadable: "keep-readable",
};

const label = (flag: string) => {
  const f = FIELDS[flag];
  return f ? `${f.charAt(0).toUpperCase()}${f.slice(1)}` : null;
};

export function inAppWords(message: string): string {
  let out = message;
  for (const [re, to] of PHRASES) out = out.replace(re, to);
  // a problem with one option: "--timezone: ..." or a request's "options.timezone: ..." reads
  // "“Times without a zone are in”: ..."
  out = out.replace(
    /(?<=^|; )(?:--([a-z][a-z-]*)(?:\/--[a-z-]+)?(?: \(name \d+\))?|options\.([A-Za-z]+)(?:\[\d+\])?): /g,
    (m, flag: string | undefined, key: string | undefined) => {
      const l = label(flag ?? KEYS[key ?? ""] ?? "");
      return l ? `${l}: ` : m;
    },
  );
  // anything left: "--time" -> "the Time column"
  return out.replace(/--([a-z][a-z-]*)(?: [A-Z]+\b)?/g, (m, flag: string) => {
    const f = FIELDS[flag];
    return f ? `the ${f}` : m;
  });
}

/** An error (a StrataError from the bridge, or anything) with its message in the app's words. */
export function appError(e: unknown): unknown {
  if (e && typeof e === "object" && "message" in e && typeof e.message === "string") {
    return { ...e, message: inAppWords(e.message) };
  }
  return e;
}
