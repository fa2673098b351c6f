import { cdf } from "./rng.ts";

// Where demo users live: country (ISO alpha-2), city with its IANA zone and a postcode pattern
// (`#` digit, `@` letter), a fictional phone pattern in E.164, names, and the platform mix, which
// differs by market (iOS-heavy in the US and Japan, Android-heavy in Brazil, India and Mexico).

export interface City {
  name: string;
  tz: string;
  zip: string;
}

export interface Country {
  code: string;
  weight: number;
  phone: string;
  /** ios, android, web */
  platforms: readonly [number, number, number];
  names: keyof typeof NAMES;
  cities: readonly City[];
}

const c = (name: string, tz: string, zip: string): City => ({ name, tz, zip });

export const COUNTRIES: readonly Country[] = [
  {
    code: "US",
    weight: 30,
    phone: "+1###55501##",
    platforms: [52, 33, 15],
    names: "en",
    cities: [
      c("New York", "America/New_York", "100##"),
      c("Los Angeles", "America/Los_Angeles", "900##"),
      c("Chicago", "America/Chicago", "606##"),
      c("Houston", "America/Chicago", "770##"),
      c("Phoenix", "America/Phoenix", "850##"),
      c("Seattle", "America/Los_Angeles", "981##"),
      c("Miami", "America/New_York", "331##"),
      c("Denver", "America/Denver", "802##"),
    ],
  },
  {
    code: "GB",
    weight: 10,
    phone: "+447#########",
    platforms: [48, 36, 16],
    names: "en",
    cities: [
      c("London", "Europe/London", "E# #@@"),
      c("Manchester", "Europe/London", "M# #@@"),
      c("Birmingham", "Europe/London", "B# #@@"),
    ],
  },
  {
    code: "DE",
    weight: 9,
    phone: "+4915#########",
    platforms: [38, 44, 18],
    names: "de",
    cities: [
      c("Berlin", "Europe/Berlin", "10###"),
      c("München", "Europe/Berlin", "80###"),
      c("Hamburg", "Europe/Berlin", "20###"),
      c("Köln", "Europe/Berlin", "50###"),
    ],
  },
  {
    code: "FR",
    weight: 7,
    phone: "+336########",
    platforms: [40, 42, 18],
    names: "fr",
    cities: [
      c("Paris", "Europe/Paris", "750##"),
      c("Lyon", "Europe/Paris", "6900#"),
      c("Marseille", "Europe/Paris", "130##"),
    ],
  },
  {
    code: "BR",
    weight: 8,
    phone: "+55119########",
    platforms: [18, 70, 12],
    names: "pt",
    cities: [
      c("São Paulo", "America/Sao_Paulo", "01###-###"),
      c("Rio de Janeiro", "America/Sao_Paulo", "2####-###"),
    ],
  },
  {
    code: "IN",
    weight: 10,
    phone: "+919#########",
    platforms: [12, 76, 12],
    names: "in",
    cities: [
      c("Mumbai", "Asia/Kolkata", "400###"),
      c("Delhi", "Asia/Kolkata", "110###"),
      c("Bengaluru", "Asia/Kolkata", "560###"),
    ],
  },
  {
    code: "CA",
    weight: 5,
    phone: "+1###55501##",
    platforms: [48, 36, 16],
    names: "en",
    cities: [
      c("Toronto", "America/Toronto", "M#@ #@#"),
      c("Vancouver", "America/Vancouver", "V#@ #@#"),
      c("Montréal", "America/Toronto", "H#@ #@#"),
    ],
  },
  {
    code: "AU",
    weight: 4,
    phone: "+614########",
    platforms: [50, 34, 16],
    names: "en",
    cities: [c("Sydney", "Australia/Sydney", "2###"), c("Melbourne", "Australia/Melbourne", "3###")],
  },
  {
    code: "ES",
    weight: 4,
    phone: "+346########",
    platforms: [30, 55, 15],
    names: "es",
    cities: [c("Madrid", "Europe/Madrid", "280##"), c("Barcelona", "Europe/Madrid", "080##")],
  },
  {
    code: "IT",
    weight: 4,
    phone: "+393#########",
    platforms: [32, 52, 16],
    names: "it",
    cities: [c("Roma", "Europe/Rome", "001##"), c("Milano", "Europe/Rome", "201##")],
  },
  {
    code: "MX",
    weight: 4,
    phone: "+5255########",
    platforms: [22, 66, 12],
    names: "es",
    cities: [
      c("Ciudad de México", "America/Mexico_City", "06###"),
      c("Guadalajara", "America/Mexico_City", "44###"),
    ],
  },
  {
    code: "JP",
    weight: 3,
    phone: "+8190########",
    platforms: [66, 24, 10],
    names: "jp",
    cities: [c("Tokyo", "Asia/Tokyo", "1##-####"), c("Osaka", "Asia/Tokyo", "53#-####")],
  },
  {
    code: "NL",
    weight: 2,
    phone: "+316########",
    platforms: [42, 40, 18],
    names: "nl",
    cities: [c("Amsterdam", "Europe/Amsterdam", "10## @@"), c("Rotterdam", "Europe/Amsterdam", "30## @@")],
  },
];

export const COUNTRY_CDF = cdf(COUNTRIES.map((x) => x.weight));

export const NAMES = {
  en: {
    first: [
      "James",
      "Olivia",
      "Liam",
      "Emma",
      "Noah",
      "Ava",
      "Ethan",
      "Sophia",
      "Mason",
      "Chloe",
      "Lucas",
      "Grace",
    ],
    last: [
      "Smith",
      "Johnson",
      "Brown",
      "Taylor",
      "Wilson",
      "Davies",
      "Clark",
      "Walker",
      "Hall",
      "Young",
      "King",
    ],
  },
  de: {
    first: ["Lukas", "Anna", "Felix", "Lena", "Jonas", "Mia", "Paul", "Hannah", "Leon", "Sophie"],
    last: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann"],
  },
  fr: {
    first: ["Louis", "Camille", "Hugo", "Léa", "Jules", "Manon", "Arthur", "Chloé", "Gabriel", "Inès"],
    last: ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Lefèvre"],
  },
  pt: {
    first: ["João", "Maria", "Pedro", "Ana", "Lucas", "Juliana", "Gabriel", "Beatriz", "Rafael", "Larissa"],
    last: ["Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Costa", "Rodrigues", "Almeida"],
  },
  in: {
    first: ["Aarav", "Ananya", "Vihaan", "Diya", "Arjun", "Priya", "Rohan", "Isha", "Kabir", "Meera"],
    last: ["Sharma", "Patel", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Nair", "Mehta", "Joshi"],
  },
  es: {
    first: ["Alejandro", "Lucía", "Daniel", "Sofía", "Pablo", "Valentina", "Diego", "Martina", "Mateo"],
    last: ["García", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Hernández", "Ruiz"],
  },
  it: {
    first: ["Francesco", "Giulia", "Alessandro", "Sofia", "Lorenzo", "Aurora", "Matteo", "Chiara"],
    last: ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Greco"],
  },
  jp: {
    first: ["Haruto", "Yui", "Sota", "Hina", "Yuto", "Sakura", "Riku", "Aoi", "Kaito", "Mei"],
    last: ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi"],
  },
  nl: {
    first: ["Daan", "Emma", "Sem", "Julia", "Lucas", "Tess", "Finn", "Sara", "Levi", "Zoë"],
    last: ["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer"],
  },
} as const;

/** The name as it may appear in an e-mail address: no accents, no spaces, lower case. */
export function asciiSlug(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();
}
