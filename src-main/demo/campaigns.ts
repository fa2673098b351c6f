import { DAYS, dayOf, weekday } from "./calendar.ts";

// The marketing calendar: recurring newsletters and pushes, a fall sale (a spike in sends, visits,
// purchases and paid-social signups), a win-back campaign aimed at dormant users (it brings some
// of them back: resurrection), and the app's release train.

export interface Blast {
  day: number;
  /** local time of day of the send, ms after midnight */
  at: number;
  channel: "push" | "email";
  campaign: string;
  messageType: "promotional" | "winback";
  /** only users without a session in the last `dormantDays` days (win-back) */
  dormantDays?: number;
  /** chance a recipient opens it (scaled by their responsiveness) */
  open: number;
  /** chance an opener clicks through into a session */
  click: number;
}

const H = 3_600_000;

export const SALE_FROM = dayOf("2026-10-09");
export const SALE_TO = dayOf("2026-10-15");
export const SOCIAL_SPIKE_FROM = dayOf("2026-10-05");
export const WINBACK_DAY = dayOf("2026-09-16");

export function inSale(d: number): boolean {
  return d >= SALE_FROM && d <= SALE_TO;
}

function schedule(): Blast[][] {
  const byDay: Blast[][] = Array.from({ length: DAYS }, () => []);
  const add = (b: Blast) => byDay[b.day]?.push(b);
  for (let day = 0; day < DAYS; day++) {
    if (weekday(day) === 1)
      add({
        day,
        at: 10 * H,
        channel: "email",
        campaign: "weekly_digest",
        messageType: "promotional",
        open: 0.2,
        click: 0.16,
      });
    if (weekday(day) === 4)
      add({
        day,
        at: 18.5 * H,
        channel: "push",
        campaign: "weekend_deals",
        messageType: "promotional",
        open: 0.09,
        click: 0.4,
      });
  }
  add({
    day: SALE_FROM,
    at: 9 * H,
    channel: "email",
    campaign: "fall_sale",
    messageType: "promotional",
    open: 0.32,
    click: 0.3,
  });
  add({
    day: SALE_FROM,
    at: 12 * H,
    channel: "push",
    campaign: "fall_sale",
    messageType: "promotional",
    open: 0.16,
    click: 0.5,
  });
  add({
    day: SALE_TO - 1,
    at: 19 * H,
    channel: "push",
    campaign: "fall_sale_last_chance",
    messageType: "promotional",
    open: 0.14,
    click: 0.5,
  });
  add({
    day: WINBACK_DAY,
    at: 11 * H,
    channel: "email",
    campaign: "we_miss_you",
    messageType: "winback",
    dormantDays: 14,
    open: 0.26,
    click: 0.35,
  });
  add({
    day: WINBACK_DAY,
    at: 17 * H,
    channel: "push",
    campaign: "we_miss_you",
    messageType: "winback",
    dormantDays: 14,
    open: 0.14,
    click: 0.55,
  });
  return byDay;
}

export const BLASTS: readonly (readonly Blast[])[] = schedule();

/** Visits are likelier during the sale. */
export function visitBoost(d: number): number {
  return inSale(d) ? 1.5 : 1;
}

/** Mobile releases: a user on an older version upgrades at some session after the release. */
export const RELEASES: readonly { version: string; day: number }[] = [
  { version: "4.0.3", day: -60 },
  { version: "4.1.0", day: dayOf("2026-07-21") },
  { version: "4.2.1", day: dayOf("2026-08-18") },
  { version: "4.3.0", day: dayOf("2026-09-15") },
  { version: "4.4.0", day: dayOf("2026-10-13") },
];

export function latestRelease(d: number): string {
  let v = RELEASES[0]?.version ?? "4.0.0";
  for (const r of RELEASES) if (r.day <= d) v = r.version;
  return v;
}
