/**
 * Where Contoso's people work and where sign-ins come from. Addresses are drawn from ranges reserved for
 * documentation (RFC 5737) and shared address space (RFC 6598), so the demo never names a real host.
 */
export interface Place {
  city: string;
  state: string;
  countryOrRegion: string;
  latitude: number;
  longitude: number;
}

export const PLACES = {
  redmond: { city: 'Redmond', state: 'Washington', countryOrRegion: 'US', latitude: 47.674, longitude: -122.1215 },
  seattle: { city: 'Seattle', state: 'Washington', countryOrRegion: 'US', latitude: 47.6062, longitude: -122.3321 },
  bellevue: { city: 'Bellevue', state: 'Washington', countryOrRegion: 'US', latitude: 47.6101, longitude: -122.2015 },
  newYork: { city: 'New York', state: 'New York', countryOrRegion: 'US', latitude: 40.7128, longitude: -74.006 },
  chicago: { city: 'Chicago', state: 'Illinois', countryOrRegion: 'US', latitude: 41.8781, longitude: -87.6298 },
  austin: { city: 'Austin', state: 'Texas', countryOrRegion: 'US', latitude: 30.2672, longitude: -97.7431 },
  toronto: { city: 'Toronto', state: 'Ontario', countryOrRegion: 'CA', latitude: 43.6532, longitude: -79.3832 },
  london: { city: 'London', state: 'England', countryOrRegion: 'GB', latitude: 51.5072, longitude: -0.1276 },
  manchester: { city: 'Manchester', state: 'England', countryOrRegion: 'GB', latitude: 53.4808, longitude: -2.2426 },
  dublin: { city: 'Dublin', state: 'Dublin', countryOrRegion: 'IE', latitude: 53.3498, longitude: -6.2603 },
  munich: { city: 'Munich', state: 'Bavaria', countryOrRegion: 'DE', latitude: 48.1351, longitude: 11.582 },
  paris: { city: 'Paris', state: 'Ile-de-France', countryOrRegion: 'FR', latitude: 48.8566, longitude: 2.3522 },
  moscow: { city: 'Moscow', state: 'Moscow', countryOrRegion: 'RU', latitude: 55.7558, longitude: 37.6173 },
  pyongyang: { city: 'Pyongyang', state: 'Pyongyang', countryOrRegion: 'KP', latitude: 39.0392, longitude: 125.7625 },
  saoPaulo: { city: 'Sao Paulo', state: 'Sao Paulo', countryOrRegion: 'BR', latitude: -23.5505, longitude: -46.6333 },
  amsterdam: { city: 'Amsterdam', state: 'Noord-Holland', countryOrRegion: 'NL', latitude: 52.3676, longitude: 4.9041 },
  singapore: { city: 'Singapore', state: 'Singapore', countryOrRegion: 'SG', latitude: 1.3521, longitude: 103.8198 },
  frankfurt: { city: 'Frankfurt am Main', state: 'Hesse', countryOrRegion: 'DE', latitude: 50.1109, longitude: 8.6821 },
} satisfies Record<string, Place>;

export type PlaceName = keyof typeof PLACES;

/** Where employees live; each has an office they go to. */
export const HOME_PLACES: ReadonlyArray<readonly [PlaceName, number]> = [
  ['redmond', 24],
  ['seattle', 18],
  ['bellevue', 12],
  ['newYork', 9],
  ['chicago', 6],
  ['austin', 5],
  ['toronto', 4],
  ['london', 10],
  ['manchester', 3],
  ['dublin', 4],
  ['munich', 3],
  ['paris', 2],
];

/** The HQ network: a trusted named location. */
export const HQ_RANGE = { cidr: '203.0.113.0/24', prefix: '203.0.113.' };
/** The London office network (a named location, not marked trusted). */
export const LONDON_RANGE = { cidr: '198.51.100.0/24', prefix: '198.51.100.' };
/** Addresses used by attackers in the storylines and in background noise. */
export const HOSTILE_PREFIX = '192.0.2.';

export function isEuropean(place: PlaceName): boolean {
  return ['GB', 'IE', 'DE', 'FR', 'NL'].includes(PLACES[place].countryOrRegion);
}

/** A home or mobile-carrier address (RFC 6598 shared space), stable for one person and one network. */
export function residentialIp(personIndex: number, network: number): string {
  const n = personIndex * 7 + network * 131;
  return `100.${64 + (n % 64)}.${Math.floor(n / 64) % 256}.${(n * 13 + 17) % 254 + 1}`;
}
