/**
 * Country and region names for the ISO 3166 codes Graph writes in sign-in locations and named locations. The
 * names come from the runtime's own CLDR data (Intl.DisplayNames), so every code is known without a table here.
 */
const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

const CODES: string[] = [];
for (let a = 65; a <= 90; a++) {
  for (let b = 65; b <= 90; b++) {
    const code = String.fromCharCode(a, b);
    const name = names.of(code);
    // Deprecated codes (SU, DD, BU …) name today's country too; only the canonical code is kept.
    if (name && name !== code && Intl.getCanonicalLocales(`und-${code}`)[0] === `und-${code}`) CODES.push(code);
  }
}

/** An ISO 3166 code of a country or region ("RU", "CN"), as Graph writes them. */
export function isCountryCode(code: string): boolean {
  return CODES.includes(code);
}

/** "Russia" for RU; the code itself when the runtime does not know it. */
export function countryName(code: string): string {
  return /^[A-Za-z]{2}$/.test(code) ? (names.of(code.toUpperCase()) ?? code) : code;
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
  for (const code of CODES) if (!byName.has(fold(names.of(code)!))) byName.set(fold(names.of(code)!), code);
  for (const [alias, code] of Object.entries(ALIASES)) byName.set(alias, code);
  return byName;
}

/** The code for a country name ("russia" → RU), or undefined. */
export function countryCode(name: string): string | undefined {
  return countryIndex().get(fold(name));
}

export { fold as foldForMatching };
