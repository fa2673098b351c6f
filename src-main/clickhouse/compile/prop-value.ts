import type { Value } from "../../../src-preload/contract/metric-results.ts";
import { noteProperty } from "../known-properties.ts";
import { str } from "../literal.ts";

// A property's value on an event row (side "p") or a user row (side "a") as the local engine's
// columnValue reads it: a tag (0 missing, 1 number, 2 string, 3 boolean) with its number and string.
// As a grouping key the number is `+ 0.` so that -0 and 0 are one group, as valueKey makes them.

export function propParts(side: "p" | "a", name: string): { tag: string; num: string; str: string } {
  // the local engine refuses a name the workspace does not know (known-properties.ts)
  noteProperty(side === "p" ? "event" : "user", name);
  return optionalPropParts(side, name);
}

/** The same for a property a query may read without the workspace having it (none is refused). */
export function optionalPropParts(side: "p" | "a", name: string): { tag: string; num: string; str: string } {
  const keySlotSql = `indexOf(${side}_keys, ${str(name)})`;
  return {
    tag: `${side}_types[${keySlotSql}]`,
    num: `${side}_num[${keySlotSql}]`,
    str: `${side}_str[${keySlotSql}]`,
  };
}

/** (tag, string, number): one tuple per distinct value, the same grouping as valueKey(). */
export function propKeySql(side: "p" | "a", name: string): string {
  const c = propParts(side, name);
  return `(${c.tag}, if(${c.tag} = 2, ${c.str}, ''), if(${c.tag} = 1 OR ${c.tag} = 3, ${c.num} + 0., 0.))`;
}

/** The value of a key read back from the server, as columnValue() returns it. */
export function keyValue(key: [number, string, number]): Value {
  const [tag, s, n] = key;
  return tag === 1 ? n : tag === 2 ? s : tag === 3 ? n === 1 : null;
}
