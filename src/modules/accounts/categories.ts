// Consumption categories (FACTS.md): the tariff an account pays depends on its category. Government accounts are
// billed like the others but not collected from citizens: their payables are shown, never payable online.
export const CATEGORIES = ['residential', 'commercial', 'industrial', 'investment', 'service', 'agricultural', 'chalets', 'government'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_NAMES: Record<Category, { ar: string; en: string }> = {
  residential: { ar: 'سكن خاص', en: 'Residential' },
  commercial: { ar: 'تجاري', en: 'Commercial' },
  industrial: { ar: 'صناعي', en: 'Industrial' },
  investment: { ar: 'استثماري', en: 'Investment' },
  service: { ar: 'خدمي', en: 'Service' },
  agricultural: { ar: 'زراعي', en: 'Agricultural' },
  chalets: { ar: 'شاليهات', en: 'Chalets' },
  government: { ar: 'حكومي', en: 'Government' },
};

export const ACCOUNT_STATUSES = ['active', 'disconnected', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

/** Settled by separate government procedures (FACTS.md): no citizen collection. */
export const GOVERNMENT_HOLD = {
  ar: 'تسدد فواتير الجهات الحكومية بالإجراءات الحكومية ولا تحصل من المواطنين.',
  en: 'Government accounts are settled through government procedures and are not collected from citizens.',
};
