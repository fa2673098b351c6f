/**
 * Whether a stored definition (a segment or a report's query, as parsed JSON) refers to the saved
 * segment `id` anywhere. The walk is generic rather than a list of the fields that hold a Segment, so a
 * query kind added later that nests one is covered without touching this; it is iterative because a
 * definition read from a hostile file may be nested deeper than the stack allows.
 */
export function refersToSegment(definition: unknown, id: string): boolean {
  const pending: unknown[] = [definition];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === null || typeof node !== "object") continue;
    if (!Array.isArray(node) && Object.hasOwn(node, "inSegment") && Reflect.get(node, "inSegment") === id)
      return true;
    // one push at a time: spreading a very long array into push() overflows its argument limit
    for (const child of Object.values(node)) pending.push(child);
  }
  return false;
}
