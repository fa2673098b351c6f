import { Clock, DAY_MS, DAYS, END_MS, localTimeOn, START_MS, weekdayFactor } from "./calendar.ts";
import { latestRelease, SALE_TO, SOCIAL_SPIKE_FROM } from "./campaigns.ts";
import { CATEGORY_CDF } from "./catalog.ts";
import { asciiSlug, COUNTRIES, COUNTRY_CDF, NAMES } from "./geo.ts";
import { drawPersona, drawTraits } from "./personas.ts";
import { cdf, type Rng } from "./rng.ts";
import type { DemoUser, Platform } from "./types.ts";

// Who signs up, when, and from where. Signups grow over the window, follow the weekly rhythm, and
// paid social spikes in the run-up to the fall sale. The identity attributes are fake but
// well-formed: e-mails at example.com, US and Canadian phones in the 555-01xx fictional range.

export const CHANNELS = ["organic", "paid_search", "paid_social", "referral", "email", "affiliate"] as const;
const CHANNEL_SHARE = [34, 18, 20, 10, 6, 12];

function channelDayWeights(): Float64Array {
  const w: number[] = [];
  CHANNELS.forEach((ch, ci) => {
    for (let d = 0; d < DAYS; d++) {
      const growth = 1 + (0.5 * d) / (DAYS - 1);
      const spike = ch === "paid_social" && d >= SOCIAL_SPIKE_FROM && d <= SALE_TO ? 3.5 : 1;
      w.push((CHANNEL_SHARE[ci] ?? 0) * growth * weekdayFactor(d) * spike);
    }
  });
  return cdf(w);
}
const CHANNEL_DAY = channelDayWeights();

function campaignFor(rng: Rng, channel: string, day: number): string | null {
  switch (channel) {
    case "paid_search":
      return rng.pick(["brand_search", "generic_search", "shopping_ads"]);
    case "paid_social":
      return day >= SOCIAL_SPIKE_FROM && day <= SALE_TO && rng.chance(0.8)
        ? "fall_sale_social"
        : rng.pick(["summer_style_ig", "tiktok_creators", "fb_lookalike"]);
    case "referral":
      return "refer_a_friend";
    case "email":
      return "partner_newsletter";
    case "affiliate":
      return rng.pick(["cashback_network", "coupon_sites"]);
    default:
      return null;
  }
}

const PLATFORMS: readonly Platform[] = ["ios", "android", "web"];
const SIGNUP_METHODS = {
  ios: cdf([45, 20, 35]),
  android: cdf([50, 50, 0]),
  web: cdf([60, 35, 5]),
} as const;
const METHOD_NAMES = ["email", "google", "apple"];

export function drawUser(rng: Rng, index: number, width: number, clock: Clock): DemoUser {
  const cell = rng.weighted(CHANNEL_DAY);
  const channel = CHANNELS[Math.floor(cell / DAYS)] ?? "organic";
  let signupDay = cell % DAYS;
  const country = COUNTRIES[rng.weighted(COUNTRY_CDF)] ?? COUNTRIES[0]!;
  const city = rng.pick(country.cities);
  const platform = PLATFORMS[rng.weighted(cdf(country.platforms))] ?? "web";
  const offsets = clock.offsetTable(city.tz);
  // The signup must fall inside the window in UTC, whatever the user's zone.
  let signupLocal = localTimeOn(rng, signupDay);
  while (Clock.toUtc(signupLocal, offsets) < START_MS) signupLocal += DAY_MS;
  while (Clock.toUtc(signupLocal, offsets) > END_MS - 3_600_000) signupLocal -= DAY_MS;
  signupDay = Math.floor(signupLocal / DAY_MS);
  const persona = drawPersona(rng, channel);
  const names = NAMES[country.names];
  const first = rng.pick(names.first);
  const last = rng.pick(names.last);
  const userNumber = index + 1;
  const fav = rng.weighted(CATEGORY_CDF);
  let fav2 = rng.weighted(CATEGORY_CDF);
  if (fav2 === fav) fav2 = (fav + 1) % CATEGORY_CDF.length;
  const pushEnabled = platform !== "web" && rng.chance(platform === "ios" ? 0.55 : 0.7);
  const emailOptIn = rng.chance(0.75);
  const method = METHOD_NAMES[rng.weighted(SIGNUP_METHODS[platform])] ?? "email";
  const campaign = campaignFor(rng, channel, signupDay);
  return {
    index,
    externalId: `u${String(userNumber).padStart(width, "0")}`,
    tag: userNumber.toString(36),
    persona,
    traits: drawTraits(rng, persona),
    platform,
    channel,
    campaign,
    country: country.code,
    tz: city.tz,
    offsets,
    pushEnabled,
    emailOptIn,
    favourites: [fav, fav2],
    signupDay,
    signupLocal,
    attributes: {
      first_name: first,
      last_name: last,
      email: `${asciiSlug(first)}.${asciiSlug(last)}${userNumber}@example.com`,
      phone: rng.pattern(country.phone),
      country: country.code,
      city: city.name,
      zip: rng.pattern(city.zip),
      timezone: city.tz,
      platform,
      app_version: platform === "web" ? "web" : latestRelease(signupDay),
      acquisition_channel: channel,
      campaign,
      signup_method: method,
      // the UTC date of created_at; set once the signup event's instant is known
      signup_date: "",
      age: Math.min(80, rng.between(18, 24) + rng.geometric(12)),
      push_enabled: pushEnabled,
      email_opt_in: emailOptIn,
      plan: "free",
      loyalty_tier: "bronze",
    },
  };
}
