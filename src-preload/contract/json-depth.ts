/**
 * Depth of a parsed JSON value (a scalar is 0, `{}` is 1), counted without recursion and stopping
 * once past `limit`: values from a hostile file or renderer may nest 100,000 deep, and every
 * recursive walk over them (validation, the engine, JSON.stringify) would overflow the stack.
 */
export function jsonDepth(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (typeof v !== "object" || v === null) continue;
    if (d > max) max = d;
    if (max > limit) return max;
    for (const x of Array.isArray(v) ? v : Object.values(v)) stack.push([x, d + 1]);
  }
  return max;
}
