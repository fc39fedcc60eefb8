/**
 * Country and region names for the ISO 3166 codes Graph writes in sign-in locations and named locations, from CLDR
 * (countryNames.ts: every code Intl.DisplayNames knows, with its name).
 */
import { COUNTRY_NAMES, DEPRECATED_COUNTRY_CODES } from './countryNames';

/** The canonical codes: deprecated ones (SU, DD, BU …) name today's country too, and are not listed as countries. */
const CODES: string[] = Object.keys(COUNTRY_NAMES).filter((code) => !DEPRECATED_COUNTRY_CODES.has(code));

/** An ISO 3166 code of a country or region ("RU", "CN"), as Graph writes them. */
export function isCountryCode(code: string): boolean {
  return CODES.includes(code);
}

/** "Russia" for RU; the code itself when CLDR does not know it. */
export function countryName(code: string): string {
  return /^[A-Za-z]{2}$/.test(code) ? (COUNTRY_NAMES[code.toUpperCase()] ?? code) : code;
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Other names people use for a country, beside the CLDR one. */
const ALIASES: Record<string, string> = {
  usa: 'US',
  'u s': 'US',
  'u s a': 'US',
  america: 'US',
  'united states of america': 'US',
  'the us': 'US',
  uk: 'GB',
  'u k': 'GB',
  britain: 'GB',
  'great britain': 'GB',
  england: 'GB',
  holland: 'NL',
  'the netherlands': 'NL',
  'south korea': 'KR',
  korea: 'KR',
  'north korea': 'KP',
  dprk: 'KP',
  'the dprk': 'KP',
  'russian federation': 'RU',
  'czech republic': 'CZ',
  uae: 'AE',
  'ivory coast': 'CI',
  burma: 'MM',
  turkey: 'TR',
  persia: 'IR',
  // What the country's people or things are called ("russian sign-ins", "north korean addresses").
  russian: 'RU',
  'north korean': 'KP',
  'south korean': 'KR',
  korean: 'KR',
  chinese: 'CN',
  iranian: 'IR',
  syrian: 'SY',
  cuban: 'CU',
  belarusian: 'BY',
  ukrainian: 'UA',
  brazilian: 'BR',
  dutch: 'NL',
  german: 'DE',
  french: 'FR',
  british: 'GB',
  american: 'US',
  canadian: 'CA',
  mexican: 'MX',
  indian: 'IN',
  japanese: 'JP',
  spanish: 'ES',
  italian: 'IT',
  polish: 'PL',
  turkish: 'TR',
  nigerian: 'NG',
  australian: 'AU',
  swiss: 'CH',
  swedish: 'SE',
  norwegian: 'NO',
  danish: 'DK',
  finnish: 'FI',
  irish: 'IE',
  portuguese: 'PT',
  vietnamese: 'VN',
  israeli: 'IL',
  egyptian: 'EG',
  singaporean: 'SG',
};

let byName: Map<string, string> | undefined;

/** Every country name (folded) to its code, built once. */
export function countryIndex(): Map<string, string> {
  if (byName) return byName;
  byName = new Map();
  for (const code of CODES) if (!byName.has(fold(COUNTRY_NAMES[code]))) byName.set(fold(COUNTRY_NAMES[code]), code);
  for (const [alias, code] of Object.entries(ALIASES)) byName.set(alias, code);
  return byName;
}

let firstWords: Set<string> | undefined;

/**
 * The first word of every country name and alias as folded ("united" of "united kingdom"): a phrase whose first word
 * is none of them names no country, so its longer readings need not be folded and looked up.
 */
export function countryFirstWords(): Set<string> {
  firstWords ??= new Set([...countryIndex().keys()].map((name) => name.split(' ')[0]));
  return firstWords;
}

/** The code for a country name ("russia" → RU), or undefined. */
export function countryCode(name: string): string | undefined {
  return countryIndex().get(fold(name));
}

export { fold as foldForMatching };
