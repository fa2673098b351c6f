/**
 * The bucket index of `t` among sorted bounds: -1 before the first, n after the last (as the
 * engine's bucketIndex). A multiIf, not a lambda: 18.16 evaluates a lambda in an aggregate's
 * argument before a JOIN and then misses the joined columns.
 */
export function bucketOf(bounds: ArrayLike<number>, t = "time"): string {
  const parts: string[] = [];
  for (let i = 0; i < bounds.length; i++) parts.push(`${t} < ${bounds[i]}`, String(i - 1));
  return `toInt32(multiIf(${parts.join(", ")}, ${bounds.length - 1}))`;
}
