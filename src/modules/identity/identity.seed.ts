// Demo staff, machine clients and people, written through identity's own store. Deterministic and idempotent: a
// second seed finds what the first wrote and adds nothing.
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../shared/ids.js';
import type { Role } from '../../platform/actor.js';
import * as store from './identity.store.js';
import { hashPassword } from './passwords.js';
import { encryptSecret } from './secrets.js';

export interface SeedPerson {
  id: string;
  civilId: string;
  nameAr: string;
  nameEn: string;
  phone: string;
  email: string;
  preferredLanguage: 'ar' | 'en';
}

export interface IdentitySeed {
  password: string;
  staff: readonly { username: string; nameAr: string; nameEn: string; role: Role }[];
  clients: readonly { keyId: string; name: string; role: Role; secret: string }[];
  /** People to register; the ids of those already there are replaced by their stored ids. */
  people: SeedPerson[];
}

/** Returns how many people were new. */
export async function seedIdentity(ctx: Ctx, seed: IdentitySeed): Promise<{ created: number }> {
  const passwordHash = await hashPassword(seed.password);
  for (const staff of seed.staff) {
    if (await store.findStaffByUsername(ctx.db, staff.username)) continue;
    await store.insertStaff(ctx.db, { id: newId('usr'), ...staff, passwordHash });
  }
  for (const client of seed.clients) {
    if (await store.findApiClientByKeyId(ctx.db, client.keyId)) continue;
    await store.insertApiClient(ctx.db, {
      id: newId('cli'), keyId: client.keyId, name: client.name, role: client.role, secretCiphertext: encryptSecret(client.secret, ctx.config.secret),
    });
  }
  const existing = new Set<string>();
  for (const person of seed.people) {
    const found = await store.findPersonByCivilId(ctx.db, person.civilId);
    if (found) {
      person.id = found.id;
      existing.add(person.civilId);
    }
  }
  const fresh = seed.people.filter((p) => !existing.has(p.civilId));
  for (let i = 0; i < fresh.length; i += 500) {
    const batch = fresh.slice(i, i + 500);
    await ctx.db.transaction(async (tx) => {
      for (const p of batch) {
        await store.insertPerson(tx, { id: p.id, civilId: p.civilId, nameAr: p.nameAr, nameEn: p.nameEn, preferredLanguage: p.preferredLanguage, passwordHash });
      }
      await store.insertPhones(tx, batch.map((p) => ({ id: newId('phn'), personId: p.id, phone: p.phone, isPrimary: true })));
      await store.insertEmails(tx, batch.map((p) => ({ id: newId('eml'), personId: p.id, email: p.email, isPrimary: true })));
    });
  }
  return { created: fresh.length };
}
