import type { Person } from './model';
import { HQ_RANGE, LONDON_RANGE, PLACES, residentialIp, type Place } from './places';

/** Where a sign-in comes from: address, geolocation and the kind of network. */
export interface Access {
  ipAddress: string;
  place: Place;
  network: 'office' | 'residential' | 'mobile' | 'hosting' | 'hostile';
}

export function officeAccess(person: Person): Access {
  const host = 10 + (person.index % 230);
  return person.office === 'london'
    ? { ipAddress: `${LONDON_RANGE.prefix}${host}`, place: PLACES.london, network: 'office' }
    : { ipAddress: `${HQ_RANGE.prefix}${host}`, place: PLACES.redmond, network: 'office' };
}

export function homeAccess(person: Person): Access {
  return { ipAddress: residentialIp(person.index, 0), place: PLACES[person.home], network: 'residential' };
}

export function mobileAccess(person: Person): Access {
  return { ipAddress: residentialIp(person.index, 1), place: PLACES[person.home], network: 'mobile' };
}

export function hostileAccess(host: number, place: Place): Access {
  return { ipAddress: `192.0.2.${host}`, place, network: 'hostile' };
}

export function cloudAccess(index: number): Access {
  const place = index % 2 === 0 ? PLACES.amsterdam : PLACES.frankfurt;
  return { ipAddress: `100.100.${(index * 37) % 256}.${(index * 11) % 250 + 4}`, place, network: 'hosting' };
}
