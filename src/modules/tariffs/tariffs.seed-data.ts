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
const SAUDI_SOURCE = 'Saudi electricity tariff from 2018 (news sources, FACTS.md); VAT 5 % from 2018, 15 % from July 2020';

// Halalas per kWh in blocks of monthly consumption.
const saudiElectricity: [category: string, ar: string, en: string, tiers: TariffVersionInput['tiers']][] = [
  ['residential', 'السكنية', 'Residential', [{ upTo: 6000n, rate: { minor: 18n, perUnits: 1n } }, { upTo: null, rate: { minor: 30n, perUnits: 1n } }]],
  ['commercial', 'التجارية', 'Commercial', [{ upTo: 6000n, rate: { minor: 20n, perUnits: 1n } }, { upTo: null, rate: { minor: 30n, perUnits: 1n } }]],
  ['government', 'الحكومية', 'Government', [{ upTo: null, rate: { minor: 32n, perUnits: 1n } }]],
];

// [from, to (exclusive), basis points]
const SAUDI_VAT: [string, string | null, number][] = [[SAUDI_2018, '2020-07-01', 500], ['2020-07-01', null, 1500]];

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
  // left at zero here, to be set from the published fee. VAT (FACTS.md: 15 % since July 2020; 5 % from its
  // introduction on 1 January 2018) makes each schedule two versions with the same blocks.
  ...saudiElectricity.flatMap(([category, ar, en, tiers]) => SAUDI_VAT.map(([effectiveFrom, effectiveTo, vatRateBps]): TariffVersionInput => ({
    billerCode: 'sec-electricity', category, effectiveFrom, effectiveTo, currency: 'SAR', unit: 'kWh', fixedMonthly: 0n, vatRateBps,
    nameAr: `تعرفة الكهرباء ${ar} 2018`, nameEn: `${en} electricity tariff 2018`, source: SAUDI_SOURCE, tiers,
  }))),
];
