// The one place values become ClickHouse SQL text. 18.16 has no query parameters (`param_x` is an
// unknown setting there), so every value is written as a literal by these functions, and
// identifiers only ever come from Strata's own table layout (layout.ts).

/**
 * A string literal: backslash and quote escaped, every control byte and non-ASCII code unit left to
 * the \xNN / UTF-8 form ClickHouse reads, so no value can end the literal or the statement.
 */
export function str(s: string): string {
  let out = "'";
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === "\\") out += "\\\\";
    else if (ch === "'") out += "\\'";
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else if (c >= 0xd800 && c <= 0xdfff)
      out += "\\xEF\\xBF\\xBD"; // a lone surrogate: U+FFFD, as JSON would
    else out += ch;
  }
  return `${out}'`;
}

/**
 * A Float64 literal that is exactly `x`: integers as toFloat64(digits), any other double by its 8 bytes (the
 * server's decimal parser is not correctly rounded for every value).
 */
export function num(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
  // typed Float64 even when integral: mixed with UInt64 literals an array or IF has no common type
  if (Number.isSafeInteger(x)) return `toFloat64(${x})`;
  const hex = Buffer.from(new Float64Array([x]).buffer).toString("hex");
  return `reinterpretAsFloat64(unhex('${hex}'))`;
}

/** A ms instant as an Int64 literal. */
export function ms(t: number): string {
  if (!Number.isSafeInteger(t)) throw new Error(`not an integer instant: ${t}`);
  return t < 0 ? `toInt64(${t})` : `toInt64(${t})`;
}

/** An array of instants, e.g. bucket bounds. */
export function msArray(ts: ArrayLike<number>): string {
  const parts: string[] = [];
  for (let i = 0; i < ts.length; i++) parts.push(String(ts[i]));
  return `CAST([${parts.join(",")}] AS Array(Int64))`;
}

export function strArray(xs: readonly string[]): string {
  return xs.length === 0 ? "CAST([] AS Array(String))" : `[${xs.map(str).join(",")}]`;
}

/** An identifier of Strata's own layout: checked, never from user input. */
export function ident(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return `\`${name}\``;
}
