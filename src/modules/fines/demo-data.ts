// The demo's vehicles and places: deterministic, so the seed and `tasdeed demo camera` (which runs in another
// process and only knows the API) agree on which plates exist without asking the database.

/**
 * The k-th demo car of the i-th demo person, as a Kuwaiti plate. n = 2i + k is spread over codes 1–99 and numbers
 * 10000–99999; since 99 and 89999 share no factor, every n below 8.9 million gets its own plate.
 */
export function demoPlate(personIndex: number, carIndex: 0 | 1): string {
  const n = personIndex * 2 + carIndex;
  return `${1 + (n % 99)}/${10000 + ((n * 7919) % 89999)}`;
}

/** A plate no demo person owns: violations on it wait until someone registers it. */
export const DEMO_UNREGISTERED_PLATE = '77/4242';

export const DEMO_CARS = [
  { make: 'Toyota', model: 'Land Cruiser', colour: 'White' },
  { make: 'Nissan', model: 'Patrol', colour: 'Silver' },
  { make: 'Lexus', model: 'LX 600', colour: 'Black' },
  { make: 'Hyundai', model: 'Elantra', colour: 'Grey' },
  { make: 'Chevrolet', model: 'Tahoe', colour: 'Pearl white' },
  { make: 'Kia', model: 'Sportage', colour: 'Blue' },
  { make: 'GMC', model: 'Yukon', colour: 'Black' },
  { make: 'Mitsubishi', model: 'Pajero', colour: 'Beige' },
] as const;

export const DEMO_PLACES = [
  { text: 'الدائري الخامس، تقاطع طريق الملك فهد', textEn: '5th Ring Road at King Fahd Road', latitude: 29.3117, longitude: 47.9774, limitKmh: 120 },
  { text: 'طريق الغزالي السريع، الشويخ', textEn: 'Ghazali Expressway, Shuwaikh', latitude: 29.3255, longitude: 47.9388, limitKmh: 100 },
  { text: 'شارع الخليج العربي، السالمية', textEn: 'Arabian Gulf Street, Salmiya', latitude: 29.3375, longitude: 48.0813, limitKmh: 80 },
  { text: 'طريق الفحيحيل السريع، الرقة', textEn: 'Fahaheel Expressway, Riqqa', latitude: 29.205, longitude: 48.095, limitKmh: 120 },
  { text: 'الدائري السادس، الجهراء', textEn: '6th Ring Road, Jahra', latitude: 29.301, longitude: 47.72, limitKmh: 120 },
  { text: 'شارع تونس، حولي', textEn: 'Tunis Street, Hawalli', latitude: 29.3399, longitude: 48.0297, limitKmh: 60 },
] as const;
