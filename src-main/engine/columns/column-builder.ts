import { type PropColumn, TAG_BOOL, TAG_NUMBER, TAG_STRING } from "./types.ts";

/** The arrays a column is built into: their own memory, or memory a helper thread shares. */
export interface ColumnArrays {
  tag: Uint8Array;
  num: Float64Array;
  str: Int32Array;
}

export function ownArrays(n: number): ColumnArrays {
  return { tag: new Uint8Array(n), num: new Float64Array(n), str: new Int32Array(n) };
}

export function sharedArrays(n: number): ColumnArrays {
  return {
    tag: new Uint8Array(new SharedArrayBuffer(n)),
    num: new Float64Array(new SharedArrayBuffer(n * Float64Array.BYTES_PER_ELEMENT)),
    str: new Int32Array(new SharedArrayBuffer(n * Int32Array.BYTES_PER_ELEMENT)),
  };
}

/** A property column filled slot by slot from JSON values, strings coded in first-seen order. */
export class ColumnBuilder {
  readonly tag: Uint8Array;
  readonly num: Float64Array;
  readonly str: Int32Array;
  readonly dict: string[] = [];
  private readonly codes = new Map<string, number>();
  constructor(arrays: ColumnArrays) {
    this.tag = arrays.tag;
    this.num = arrays.num;
    this.str = arrays.str;
  }
  /** The code of a string, given one when it is new. */
  code(v: string): number {
    let c = this.codes.get(v);
    if (c === undefined) {
      c = this.dict.length;
      this.dict.push(v);
      this.codes.set(v, c);
    }
    return c;
  }
  set(i: number, v: unknown): void {
    if (typeof v === "number") {
      if (!Number.isFinite(v)) return;
      this.tag[i] = TAG_NUMBER;
      this.num[i] = v;
    } else if (typeof v === "string") {
      this.tag[i] = TAG_STRING;
      this.str[i] = this.code(v);
    } else if (typeof v === "boolean") {
      this.tag[i] = TAG_BOOL;
      this.num[i] = v ? 1 : 0;
    }
    // null, objects and arrays count as missing
  }
  /** The column; value arrays no slot uses are dropped (they are only read where the tag says so). */
  done(): PropColumn {
    let nums = false;
    let strs = false;
    for (let i = 0; i < this.tag.length; i++) {
      const t = this.tag[i];
      if (t === TAG_STRING) strs = true;
      else if (t === TAG_NUMBER || t === TAG_BOOL) nums = true;
    }
    return {
      tag: this.tag,
      num: nums ? this.num : new Float64Array(0),
      str: strs ? this.str : new Int32Array(0),
      dict: this.dict,
    };
  }
}
