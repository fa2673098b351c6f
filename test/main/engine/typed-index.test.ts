import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  arrayLikeAt,
  f32At,
  f64At,
  i8At,
  i16At,
  i32At,
  itemAt,
  numAt,
  u8At,
  u16At,
} from "../../../src-main/engine/typed-index.ts";

// Each reader returns the element when the index is a position of the array, and throws naming the
// index otherwise (the reference: an index is a position when it is an integer in 0..length-1).
const isPosition = (i: number, length: number) => Number.isInteger(i) && i >= 0 && i < length;

const index = fc.oneof(
  fc.integer({ min: -3, max: 40 }),
  fc.constantFrom(Number.NaN, 0.5, -0, Number.POSITIVE_INFINITY),
);

function agrees<A extends ArrayLike<number>>(make: (xs: number[]) => A, read: (a: A, i: number) => number) {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -100, max: 100 }), { maxLength: 30 }), index, (xs, i) => {
      const a = make(xs);
      if (isPosition(i, xs.length)) expect(read(a, i)).toBe(a[i]);
      else
        expect(() => read(a, i)).toThrow(new RegExp(`index ${i} is outside an array of length ${xs.length}`));
    }),
  );
}

describe("typed-index readers", () => {
  it("read every kind of array of numbers, and refuse any index that is not a position", () => {
    agrees((xs) => Float64Array.from(xs), f64At);
    agrees((xs) => Float32Array.from(xs), f32At);
    agrees((xs) => Int32Array.from(xs), i32At);
    agrees((xs) => Int16Array.from(xs), i16At);
    agrees((xs) => Int8Array.from(xs), i8At);
    agrees((xs) => Uint16Array.from(xs), u16At);
    agrees((xs) => Uint8Array.from(xs), u8At);
    agrees((xs) => Buffer.from(xs), u8At);
    agrees((xs) => xs, numAt);
    agrees((xs) => xs, arrayLikeAt);
    agrees((xs) => Float64Array.from(xs), arrayLikeAt);
  });

  it("read an element of any plain array, and refuse a missing one", () => {
    const rows = [[1, 2], [3]];
    expect(itemAt(rows, 1)).toBe(rows[1]);
    expect(() => itemAt(rows, 2)).toThrow(/index 2 is outside an array of length 2/);
  });
});
