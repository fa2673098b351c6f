import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { outOfBounds } from "../../../src-main/engine/typed-index.ts";

// `xs[i] ?? outOfBounds()` returns the element when the index is a position of the array, and throws
// otherwise (the reference: an index is a position when it is an integer in 0..length-1), for every
// kind of array the engine reads (values 0..100, which every one of them holds exactly).
const isPosition = (i: number, length: number) => Number.isInteger(i) && i >= 0 && i < length;

const index = fc.oneof(
  fc.integer({ min: -3, max: 40 }),
  fc.constantFrom(Number.NaN, 0.5, -0, Number.POSITIVE_INFINITY),
);

function agrees<A extends ArrayLike<number>>(make: (xs: number[]) => A) {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 30 }), index, (xs, i) => {
      const a = make(xs);
      const read = () => a[i] ?? outOfBounds();
      if (isPosition(i, xs.length)) expect(read()).toBe(xs[i]);
      else expect(read).toThrow(/outside its bounds/);
    }),
  );
}

describe("an element read with outOfBounds", () => {
  it("reads every kind of array of numbers, and refuses any index that is not a position", () => {
    agrees((xs) => Float64Array.from(xs));
    agrees((xs) => Float32Array.from(xs));
    agrees((xs) => Int32Array.from(xs));
    agrees((xs) => Int16Array.from(xs));
    agrees((xs) => Int8Array.from(xs));
    agrees((xs) => Uint16Array.from(xs));
    agrees((xs) => Uint32Array.from(xs));
    agrees((xs) => Uint8Array.from(xs));
    agrees((xs) => Buffer.from(xs));
    agrees((xs) => xs);
  });
});
