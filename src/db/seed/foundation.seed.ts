// Currencies, billers, demo people, staff and machine clients. Deterministic: the same data on every machine.
import { systemActor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { seedIdentity, type SeedPerson } from '../../modules/identity/index.js';
import { seedBillers } from '../../modules/billers/index.js';
import { makeKuwaitiCivilId } from '../../shared/civil-id.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../shared/ids.js';
import { DEMO_API_CLIENTS, DEMO_PASSWORD, DEMO_STAFF } from './demo-accounts.js';
import { FAMILY_NAMES, GIVEN_NAMES } from './names.js';
import { seededRandom } from './random.js';

export const DEMO_BILLERS = [
  { code: 'mew-electricity', nameAr: 'وزارة الكهرباء والماء - الكهرباء', nameEn: 'Ministry of Electricity & Water — Electricity', kind: 'utility', allowsPartialPayment: true, minPartialAmount: 1000n },
  { code: 'mew-water', nameAr: 'وزارة الكهرباء والماء - الماء', nameEn: 'Ministry of Electricity & Water — Water', kind: 'utility', allowsPartialPayment: true, minPartialAmount: 1000n },
  { code: 'moi-traffic', nameAr: 'وزارة الداخلية - الإدارة العامة للمرور', nameEn: 'Ministry of Interior — General Traffic Department', kind: 'fines', allowsPartialPayment: false, minPartialAmount: 0n },
  // Saudi Arabia's electricity, so the demo shows both countries: billed in riyals on the 28th (minimum part payment 10 SAR),
  // with VAT, so its bills are simplified tax invoices. CHOICE: the VAT number is the format's sample
  // (15 digits, 3…3), not the company's: an operator sets the real one in the biller's settings.
  { code: 'sec-electricity', nameAr: 'الشركة السعودية للكهرباء', nameEn: 'Saudi Electricity Company', kind: 'utility', allowsPartialPayment: true, minPartialAmount: 1000n, currency: 'SAR', settings: { vatNumber: '300000000000003' } },
] as const;

/** A demo person as identity registers it (phone and email included). */
export type SeededPerson = SeedPerson;

export async function seedFoundation(ctx: Ctx, options: { people: number }): Promise<{ people: SeededPerson[] }> {
  await seedBillers(ctx, {
    currencies: [
      { code: 'KWD', minorUnits: 3, nameAr: 'دينار كويتي', nameEn: 'Kuwaiti dinar' },
      { code: 'SAR', minorUnits: 2, nameAr: 'ريال سعودي', nameEn: 'Saudi riyal' },
    ],
    billers: DEMO_BILLERS.map((biller) => ({ currency: 'KWD', ...biller, billDay: 28, dueDays: 30 })),
  });
  const people = demoPeople(options.people);
  const { created } = await seedIdentity(ctx, { password: DEMO_PASSWORD, staff: DEMO_STAFF, clients: DEMO_API_CLIENTS, people });
  await recordAudit(ctx, systemActor('seed'), { action: 'seed.demo', entityType: 'system', detail: { people: people.length, created } });
  return { people };
}

/** The demo's people: the first is the citizen printed by `serve --demo`; every civil ID is valid. */
export function demoPeople(count: number): SeededPerson[] {
  const random = seededRandom(20261121);
  const people: SeededPerson[] = [];
  for (let i = 0; i < count; i++) {
    const [givenAr, givenEn] = GIVEN_NAMES[i % GIVEN_NAMES.length]!;
    const [fatherAr, fatherEn] = random.pick(GIVEN_NAMES);
    const [familyAr, familyEn] = random.pick(FAMILY_NAMES);
    const year = 1955 + random.int(0, 48);
    const birthDate = `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
    const civilId = makeKuwaitiCivilId(birthDate, (i * 7919 + 17) % 10_000);
    people.push({
      id: newId('per'),
      civilId,
      nameAr: `${givenAr} ${fatherAr} ${familyAr}`,
      nameEn: `${givenEn} ${fatherEn} ${familyEn}`,
      phone: `+965${[5, 6, 9][i % 3]}${String(1_000_000 + i).padStart(7, '0')}`,
      email: `${givenEn.toLowerCase()}.${familyEn.toLowerCase().replace(/[^a-z]/g, '')}${i}@example.com`,
      preferredLanguage: i % 4 === 3 ? 'en' : 'ar',
    });
  }
  return people;
}
