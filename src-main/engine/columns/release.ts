// Frees a typed array's memory now instead of at the thread's next garbage collection: an import of
// 100M events holds gigabytes in arrays it is done with before its last phase (the batches once they
// are in the timeline, the users' look-up table once every row is read), and a thread that only
// waits for the commit may not collect them before the commit's own arrays are allocated.
// ArrayBuffer.prototype.transfer (ES2024, Node >= 21) detaches the buffer, which drops its memory.

/**
 * Detaches `view`'s buffer when the view is all of it (a view into a larger buffer is left alone);
 * one already released (or empty) is left as it is.
 */
export function release(view: ArrayBufferView): void {
  const b = view.buffer;
  if (!(b instanceof ArrayBuffer) || b.byteLength === 0) return;
  if (view.byteOffset !== 0 || view.byteLength !== b.byteLength) return;
  if ("transfer" in b && typeof b.transfer === "function") b.transfer(0);
}
