import { cdf, Rng } from "./rng.ts";

// The shop's catalog: products in categories, each with a brand and a price. Within a category a
// few products get most views (a Zipf-like popularity), as in any real shop.

export interface Product {
  id: string;
  category: string;
  brand: string;
  price: number;
}

interface CategorySpec {
  name: string;
  /** share of browsing */
  weight: number;
  /** median price, currency units */
  median: number;
  brands: readonly string[];
  /** chance that a cart line has more than one unit */
  multi: number;
}

export const CATEGORIES: readonly CategorySpec[] = [
  {
    name: "fashion",
    weight: 22,
    median: 45,
    brands: ["Northwind", "Urbanite", "Velora", "Lumen & Co"],
    multi: 0.12,
  },
  {
    name: "electronics",
    weight: 18,
    median: 110,
    brands: ["Voltix", "Nexon", "Auralis", "Pixelon"],
    multi: 0.05,
  },
  { name: "home", weight: 15, median: 38, brands: ["Hearthly", "Nordhem", "Casa Verde"], multi: 0.15 },
  { name: "beauty", weight: 13, median: 22, brands: ["Purea", "Skinlab", "Glowe"], multi: 0.25 },
  { name: "sports", weight: 10, median: 52, brands: ["Stridex", "Peakline", "Aquaflow"], multi: 0.1 },
  { name: "books", weight: 8, median: 16, brands: ["Pageturn", "Inkwell Press"], multi: 0.1 },
  { name: "toys", weight: 7, median: 28, brands: ["Tinkertots", "Brickbay"], multi: 0.15 },
  { name: "grocery", weight: 7, median: 9, brands: ["Greenbasket", "Daily Harvest"], multi: 0.45 },
];

export const CATEGORY_CDF = cdf(CATEGORIES.map((c) => c.weight));

const PER_CATEGORY = 50;

export interface Catalog {
  /** products of category i, most popular first */
  byCategory: readonly (readonly Product[])[];
  popularity: Float64Array;
}

/** A price that looks like a shop's: 24.99, 119.00, 8.49. */
function shopPrice(x: number, rng: Rng): number {
  const whole = Math.max(1, Math.round(x));
  const cents = whole >= 100 ? rng.pick([0, 0.99]) : rng.pick([0.99, 0.49, 0.99, 0.95]);
  return Math.round((whole - (cents > 0 ? 1 : 0) + cents) * 100) / 100;
}

export function buildCatalog(seed: number): Catalog {
  const rng = new Rng(seed, -1);
  let n = 0;
  const byCategory = CATEGORIES.map((cat) => {
    const list: Product[] = [];
    for (let i = 0; i < PER_CATEGORY; i++) {
      n++;
      list.push({
        id: `P${String(n).padStart(4, "0")}`,
        category: cat.name,
        brand: rng.pick(cat.brands),
        price: shopPrice(cat.median * Math.exp(0.7 * rng.normal()), rng),
      });
    }
    return list;
  });
  const popularity = cdf(Array.from({ length: PER_CATEGORY }, (_, i) => 1 / (i + 1) ** 0.9));
  return { byCategory, popularity };
}

export const PAYMENT_METHODS = {
  ios: cdf([40, 40, 15, 5]),
  android: cdf([35, 45, 15, 5]),
  web: cdf([5, 55, 30, 10]),
} as const;

/** Names in the order of PAYMENT_METHODS' weights; the first is the platform's wallet. */
export function paymentNames(platform: "ios" | "android" | "web"): readonly string[] {
  return [platform === "android" ? "google_pay" : "apple_pay", "card", "paypal", "klarna"];
}
