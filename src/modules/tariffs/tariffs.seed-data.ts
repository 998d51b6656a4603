// Reference tariffs as data (FACTS.md, "Tariffs"): Kuwait's rates after Law 20/2016 and the ministerial decision
// of March 2017, and Saudi Arabia's 2018 residential, commercial and government rates. Sources are news reports:
// verify against the official gazette before relying on them, and change them here (or through the API), not in
// code. Each choice where FACTS.md is silent or conflicting is marked CHOICE.
import type { TariffVersionInput } from './tariffs.service.js';

// CHOICE: FACTS.md dates the decision "March 2017"; the rates are taken as in force from the first of the next month.
const KUWAIT_2017 = '2017-04-01';
const KUWAIT_SOURCE = 'Law 20/2016, ministerial decision March 2017 (news sources, FACTS.md)';

const kwElectricity: [category: string, fils: bigint, ar: string, en: string][] = [
  ['residential', 2n, 'السكن الخاص', 'Private housing'],
  ['investment', 5n, 'الاستثماري', 'Investment'],
  ['commercial', 5n, 'التجاري', 'Commercial'],
  ['industrial', 3n, 'الصناعي', 'Industrial'],
  ['agricultural', 3n, 'الزراعي', 'Agricultural'],
  ['government', 25n, 'الحكومي', 'Government'],
  ['chalets', 12n, 'الشاليهات', 'Chalets'],
  // CHOICE: "service" is not in the table; it is billed as "other (chalets, stables)".
  ['service', 12n, 'الخدمي', 'Service'],
];

// Water, fils per 1,000 imperial gallons.
const kwWater: [category: string, filsPer1000: bigint, ar: string, en: string][] = [
  // CHOICE: FACTS.md found no 2017 rate for private housing; 0.800 KD per 1,000 gallons (the long-standing
  // subsidised rate) is used until the gazette confirms one. Unverified.
  ['residential', 800n, 'السكن الخاص', 'Private housing'],
  ['investment', 2000n, 'الاستثماري', 'Investment'],
  ['commercial', 2000n, 'التجاري', 'Commercial'],
  // CHOICE: sources conflict (1.250 KD or 2.250 KD); the lower figure is used for both categories.
  ['industrial', 1250n, 'الصناعي', 'Industrial'],
  ['agricultural', 1250n, 'الزراعي', 'Agricultural'],
  ['government', 4000n, 'الحكومي', 'Government'],
  ['chalets', 2000n, 'الشاليهات', 'Chalets'],
  ['service', 2000n, 'الخدمي', 'Service'],
];

const SAUDI_2018 = '2018-01-01';
const SAUDI_SOURCE = 'Saudi electricity tariff from 2018 (news sources, FACTS.md)';

export const REFERENCE_TARIFFS: TariffVersionInput[] = [
  ...kwElectricity.map(([category, fils, ar, en]): TariffVersionInput => ({
    billerCode: 'mew-electricity', category, effectiveFrom: KUWAIT_2017, currency: 'KWD', unit: 'kWh', fixedMonthly: 0n,
    nameAr: `تعرفة الكهرباء 2017 - ${ar}`, nameEn: `Electricity tariff 2017 — ${en}`, source: KUWAIT_SOURCE,
    tiers: [{ upTo: null, rate: { minor: fils, perUnits: 1n } }],
  })),
  ...kwWater.map(([category, filsPer1000, ar, en]): TariffVersionInput => ({
    billerCode: 'mew-water', category, effectiveFrom: KUWAIT_2017, currency: 'KWD', unit: 'imp_gal', fixedMonthly: 0n,
    nameAr: `تعرفة المياه 2017 - ${ar}`, nameEn: `Water tariff 2017 — ${en}`, source: KUWAIT_SOURCE,
    tiers: [{ upTo: null, rate: { minor: filsPer1000, perUnits: 1000n } }],
  })),
  // Saudi Electricity (SAR, halalas). CHOICE: FACTS.md mentions "a fixed meter fee" without an amount; it is
  // left at zero here, to be set from the published fee.
  {
    billerCode: 'sec-electricity', category: 'residential', effectiveFrom: SAUDI_2018, currency: 'SAR', unit: 'kWh', fixedMonthly: 0n,
    nameAr: 'تعرفة الكهرباء السكنية 2018', nameEn: 'Residential electricity tariff 2018', source: SAUDI_SOURCE,
    tiers: [{ upTo: 6000n, rate: { minor: 18n, perUnits: 1n } }, { upTo: null, rate: { minor: 30n, perUnits: 1n } }],
  },
  {
    billerCode: 'sec-electricity', category: 'commercial', effectiveFrom: SAUDI_2018, currency: 'SAR', unit: 'kWh', fixedMonthly: 0n,
    nameAr: 'تعرفة الكهرباء التجارية 2018', nameEn: 'Commercial electricity tariff 2018', source: SAUDI_SOURCE,
    tiers: [{ upTo: 6000n, rate: { minor: 20n, perUnits: 1n } }, { upTo: null, rate: { minor: 30n, perUnits: 1n } }],
  },
  {
    billerCode: 'sec-electricity', category: 'government', effectiveFrom: SAUDI_2018, currency: 'SAR', unit: 'kWh', fixedMonthly: 0n,
    nameAr: 'تعرفة الكهرباء الحكومية 2018', nameEn: 'Government electricity tariff 2018', source: SAUDI_SOURCE,
    tiers: [{ upTo: null, rate: { minor: 32n, perUnits: 1n } }],
  },
];
