import { outOfBounds } from "../typed-index.ts";
/** A growing list of numbers in a typed array (doubling), without a boxed array's per-push cost. */
export class GrowingF64 {
  n = 0;
  private a = new Float64Array(1024);
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  at(i: number): number {
    return this.a[i] ?? outOfBounds();
  }
  values(): Float64Array {
    return this.a.subarray(0, this.n);
  }
}
