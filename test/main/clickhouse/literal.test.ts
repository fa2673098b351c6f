import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { ChHttp } from "../../../src-main/clickhouse/http.ts";
import { ident, num, str } from "../../../src-main/clickhouse/literal.ts";
import { CLUSTER_WANTED, requireCluster, SKIP_REASON } from "../../helpers/clickhouse.ts";

// 18.16 has no query parameters, so one function writes every value into SQL. It is checked on
// the real server: a hostile string must come back as itself, never end the literal.

const HOSTILE = [
  "",
  "'",
  "\\",
  "\\'",
  "'; DROP DATABASE default; --",
  "' OR 1 = 1 --",
  "a\\' UNION SELECT 1 --",
  "\n\r\t\0\x1b\x7f",
  "\\x27",
  "`id`",
  '"quoted"',
  "{{ template }}",
  "é ü 中文 🎉 \u202e",
  "\\N",
  "$$; SELECT 1; $$",
];

describe("literal escaping (no server)", () => {
  it("never leaves an unescaped quote, newline or control byte in the literal", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.constantFrom(...HOSTILE)), (s) => {
        const lit = str(s);
        expect(lit.startsWith("'") && lit.endsWith("'")).toBe(true);
        const body = lit.slice(1, -1);
        // every quote inside is preceded by an odd run of backslashes
        for (let i = 0; i < body.length; i++) {
          if (body[i] !== "'") continue;
          let k = 0;
          while (i - 1 - k >= 0 && body[i - 1 - k] === "\\") k++;
          expect(k % 2).toBe(1);
        }
        const controls = [...body].filter((ch) => (ch.codePointAt(0) as number) < 0x20 || ch === "\x7f");
        expect(controls).toEqual([]);
      }),
    );
  });

  it("refuses identifiers that are not plain names", () => {
    expect(ident("events_local")).toBe("`events_local`");
    for (const bad of ["a b", "a`b", "x;DROP", "", "1abc", "a.b"]) expect(() => ident(bad)).toThrow();
  });

  it("writes integers as Float64 digits and other doubles by their bytes", () => {
    expect(num(42)).toBe("toFloat64(42)");
    expect(num(-3)).toBe("toFloat64(-3)");
    expect(num(0.1)).toBe("reinterpretAsFloat64(unhex('9a9999999999b93f'))");
    expect(() => num(Number.NaN)).toThrow();
  });
});

describe.skipIf(!CLUSTER_WANTED)(
  `literal escaping on ClickHouse 18.16${CLUSTER_WANTED ? "" : ` (${SKIP_REASON})`}`,
  () => {
    let ch: ChHttp;
    beforeAll(async () => {
      ch = await requireCluster();
    });

    it("hostile strings come back unchanged", async () => {
      const cols = HOSTILE.map((s, i) => `${str(s)} AS c${i}`).join(", ");
      const [row] = await ch.rows<Record<string, string>>(`SELECT ${cols}`);
      HOSTILE.forEach((s, i) => {
        expect(row?.[`c${i}`]).toBe(s);
      });
    });

    it("random strings and doubles come back unchanged (a lone surrogate becomes U+FFFD)", async () => {
      const strings = fc.sample(fc.string({ unit: "binary", maxLength: 30 }), 200);
      const doubles = fc.sample(fc.double({ noNaN: true, noDefaultInfinity: true }), 200);
      const sql = `SELECT [${strings.map(str).join(", ")}] AS s, [${doubles.map(num).join(", ")}] AS d`;
      const [row] = await ch.rows<{ s: string[]; d: number[] }>(sql);
      expect(row?.s).toEqual(strings.map((s) => Buffer.from(s, "utf8").toString("utf8")));
      // -0 is written as 0 (the engine compares them as equal)
      expect(row?.d).toEqual(doubles.map((x) => (Object.is(x, -0) ? 0 : x)));
    });
  },
);
