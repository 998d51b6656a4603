// The contact details of the people a batch of events is for, in one query. Identity owns these tables and
// exports `contactsOfPerson` (three queries for one person); the dispatcher needs hundreds of people a second,
// so this read-only query is the one deliberate exception to "never another module's tables" in notifications
// (with `personIdsByPhone` for STOP replies). It returns what contactsOfPerson returns, for many people at once;
// a batch version in identity's service would replace it.
//
// The subqueries name `people.id` outright: Drizzle leaves a column of a one-table select unqualified, which
// inside them would mean the other table's id.
import { inArray, sql } from 'drizzle-orm';
import { people } from '../../db/schema/index.js';
import type { Executor } from '../../db/client.js';

export interface RecipientContacts {
  person: { id: string; nameAr: string; nameEn: string; preferredLanguage: string };
  /** In the order they were registered (identity's order). */
  phones: string[];
  emails: string[];
}

export async function contactsOfPeople(db: Executor, personIds: string[]): Promise<Map<string, RecipientContacts>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.select({
    id: people.id, nameAr: people.nameAr, nameEn: people.nameEn, preferredLanguage: people.preferredLanguage,
    phones: sql<string[] | null>`(SELECT array_agg(pp.phone ORDER BY pp.created_at, pp.id) FROM person_phones pp WHERE pp.person_id = people.id)`,
    emails: sql<string[] | null>`(SELECT array_agg(pe.email ORDER BY pe.created_at, pe.id) FROM person_emails pe WHERE pe.person_id = people.id)`,
  }).from(people).where(inArray(people.id, personIds));
  return new Map(rows.map((r) => [r.id, {
    person: { id: r.id, nameAr: r.nameAr, nameEn: r.nameEn, preferredLanguage: r.preferredLanguage },
    phones: r.phones ?? [], emails: r.emails ?? [],
  }]));
}
