import { type PropColumn, TAG_BOOL, TAG_NUMBER, TAG_STRING } from "../columns/types.ts";
import { outOfBounds } from "../typed-index.ts";

// Breakdown values as small integer ids shared by every series of one query. A string column's
// dictionary is coded once, so the per-event cost is a tag read and an array look-up.

export const NONE = "$none";
export const OTHER = "$other";
export type BreakdownValue = string | number | boolean;

/**
 * An entry's breakdown fields: a stored text that reads like the missing or merged values' names
 * is marked, or a property holding the text "$none" would read as missing (and its segment select
 * the users without it).
 */
export function breakdownOf(
  value: BreakdownValue,
  stored: boolean,
): { breakdown: BreakdownValue; literal?: true } {
  return stored && (value === NONE || value === OTHER)
    ? { breakdown: value, literal: true }
    : { breakdown: value };
}

export class ValueIds {
  readonly values: BreakdownValue[] = [];
  /** each id's key: the value's kind and text ("none" for missing, so a string "$none" is another) */
  readonly keys: string[] = [];
  private readonly byKey = new Map<string, number>();

  id(key: string, value: BreakdownValue): number {
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.keys.push(key);
      this.byKey.set(key, id);
    }
    return id;
  }

  /** slot -> value id over one column (event positions or user indexes) */
  keyer(col: PropColumn): (slot: number) => number {
    const dictIds = new Int32Array(col.dict.length).fill(-1);
    const { tag, num, str, dict } = col;
    const none = this.id("none", NONE);
    let falseId = -1;
    let trueId = -1;
    return (i) => {
      const valueTag = tag[i];
      if (valueTag === TAG_STRING) {
        const k = str[i] ?? outOfBounds();
        let id = dictIds[k] ?? outOfBounds();
        if (id < 0) {
          const text = dict[k] ?? outOfBounds();
          id = this.id(`s${text}`, text);
          dictIds[k] = id;
        }
        return id;
      }
      if (valueTag === TAG_NUMBER) {
        const numberValue = num[i] ?? outOfBounds();
        return this.id(`n${numberValue}`, numberValue);
      }
      if (valueTag === TAG_BOOL) {
        if (num[i] === 1) {
          if (trueId < 0) trueId = this.id("btrue", true);
          return trueId;
        }
        if (falseId < 0) falseId = this.id("bfalse", false);
        return falseId;
      }
      return none;
    };
  }
}
