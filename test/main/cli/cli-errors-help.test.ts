import { describe, expect, it } from "vitest";
import { loadAllCommands } from "../../../src-main/cli/commands/index.ts";
import { EXAMPLES, OPTION_HELP } from "../../../src-main/cli/help.ts";
import { main } from "../../../src-main/cli/main.ts";
import { Query } from "../../../src-preload/contract/queries.ts";
import { io } from "../../helpers/cli-io.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";

// Validation errors name the field, the value given and what is allowed (exit 2); --help lists every
// option of every command with an example.

async function queryError(j: Journeys, q: unknown): Promise<string> {
  const a = io();
  expect(await main(["query", j.file, JSON.stringify(q)], a.io)).toBe(2);
  return a.err.join("");
}

describe("CLI validation errors", () => {
  it("name the field, the value and the allowed values instead of 'Invalid input'", async () => {
    const j = journeys({ a: [["open", "2024-06-03T10:00Z"]] });
    try {
      const interval = await queryError(j, {
        kind: "activeUsers",
        range: { last: 7, unit: "day" },
        interval: "fortnight",
      });
      expect(interval).toContain("query.interval");
      expect(interval).toContain('"fortnight"');
      expect(interval).toMatch(/"day"\|"week"\|"month"/);
      const range = await queryError(j, { kind: "activeUsers", range: { last: "7d" } });
      expect(range).not.toContain("Invalid input");
      expect(range).toContain("query.range");
      expect(range).toContain('{"last":"7d"}');
      expect(range).toMatch(/last: expected number \(got "7d"\)/);
      expect(range).toMatch(/unit: is required: one of "day"\|"week"\|"month"/);
      const missing = await queryError(j, { kind: "activeUsers" });
      expect(missing).toMatch(/query\.range: .*required/);
    } finally {
      j.close();
    }
  });

  it("an unknown option lists the options the command takes", async () => {
    const a = io();
    expect(await main(["info", "x.strata", "--colour"], a.io)).toBe(2);
    expect(a.err.join("")).toContain("unknown option --colour; allowed: --json");
  });
});

describe("CLI help", () => {
  it("strata COMMAND --help lists every option with a description and an example", async () => {
    for (const c of await loadAllCommands()) {
      const a = io();
      expect(await main([c.name, "--help"], a.io)).toBe(0);
      const text = a.out.join("");
      expect(text).toContain(`usage: ${c.usage}`);
      for (const name of Object.keys(c.options)) {
        const h = OPTION_HELP[c.name]?.[name];
        expect(h?.text, `${c.name} --${name} has no help text`).toBeTruthy();
        expect(text).toContain(`--${name}`);
        expect(text).toContain(h?.text ?? "\u0000");
      }
      const ex = EXAMPLES[c.name] ?? [];
      expect(ex.length, `${c.name} has no example`).toBeGreaterThan(0);
      for (const e of ex) expect(text).toContain(e);
    }
  });

  it("strata --help shows an example for every command, and the query examples are valid queries", async () => {
    const a = io();
    expect(await main(["--help"], a.io)).toBe(0);
    const text = a.out.join("");
    for (const c of await loadAllCommands()) expect(text).toContain(`e.g. ${EXAMPLES[c.name]?.[0]}`);
    for (const e of EXAMPLES.query ?? []) {
      const json = e.match(/'(\{.*\})'/)?.[1];
      if (json) expect(Query.safeParse(JSON.parse(json)).success).toBe(true);
    }
  });
});

describe("CLI option errors", () => {
  it("say which option lacks its value, and which takes none", async () => {
    const lacking = io();
    expect(await main(["export", "x.strata", "--segment"], lacking.io)).toBe(2);
    expect(lacking.err.join("")).toContain("--segment needs a value (--segment VALUE)");
    const given = io();
    expect(await main(["info", "x.strata", "--json=yes"], given.io)).toBe(2);
    expect(given.err.join("")).toContain('--json takes no value (got "yes")');
  });
});
