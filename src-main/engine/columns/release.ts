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

/**
 * Reads each item's blob with `read` and hands it to `use`, in order, releasing each once the next
 * is read instead of at the next garbage collection: each is a fresh 1 MiB buffer from
 * better-sqlite3, and until one is freed the next is fresh memory again, every page of it faulted
 * in by the kernel (at 10M events ~13,000 faults an open, on top of the final arrays' own). One
 * blob is kept until the next is read so that the freed one is never the top of the heap, which
 * glibc may hand back to the kernel (in the CLI's process it did, and the faults came back); the
 * allocator then gives the same warm memory to the chunk after. Stops, answering false, at the
 * first item `read` has no blob for.
 */
export function eachReleased<T>(
  items: readonly T[],
  read: (item: T) => Buffer | null,
  use: (chunk: Buffer, item: T) => void,
): boolean {
  let held: Buffer | null = null;
  try {
    for (const item of items) {
      const chunk = read(item);
      if (chunk === null) return false;
      use(chunk, item);
      if (held !== null) release(held);
      held = chunk;
    }
    return true;
  } finally {
    if (held !== null) release(held);
  }
}
