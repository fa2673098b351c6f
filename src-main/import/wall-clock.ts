import { utcMs } from "../time/bounds.ts";
import { zonedTimeToUtc } from "../time/zoned.ts";

// A zone's wall-clock times as ms since the epoch (UTC), for times written without an offset: every
// parser of the time column uses it. The zone's offset is looked up once per wall-clock hour (Intl
// is far too slow to ask per row).

const HOUR = 3_600_000;

export function wallClock(
  tz: string,
): (y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number) => number {
  if (tz === "UTC" || tz === "Etc/UTC") return (y, mo, d, h, mi, s, ms) => utcMs(y, mo - 1, d, h, mi, s, ms);
  const offsets = new Map<number, number>();
  return (y, mo, d, h, mi, s, ms) => {
    const wall = utcMs(y, mo - 1, d, h, mi, s, ms);
    const hourKey = wall - (((wall % HOUR) + HOUR) % HOUR);
    let off = offsets.get(hourKey);
    if (off === undefined) {
      const hd = new Date(hourKey);
      off =
        hourKey -
        zonedTimeToUtc(
          hd.getUTCFullYear(),
          hd.getUTCMonth() + 1,
          hd.getUTCDate(),
          hd.getUTCHours(),
          0,
          0,
          0,
          tz,
        );
      offsets.set(hourKey, off);
    }
    return wall - off;
  };
}
