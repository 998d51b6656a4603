// The channels module's own table: which bank collects for which biller, and its reversal window.
import { and, eq, inArray } from 'drizzle-orm';
import { channelBankBillers } from '../../db/schema/channels.js';
import type { Executor } from '../../db/client.js';

export type BankBillerRow = typeof channelBankBillers.$inferSelect;

export async function bankBillersOf(db: Executor, clientId: string, billerCodes?: string[]): Promise<BankBillerRow[]> {
  const where = billerCodes ? and(eq(channelBankBillers.clientId, clientId), inArray(channelBankBillers.billerCode, billerCodes)) : eq(channelBankBillers.clientId, clientId);
  return db.select().from(channelBankBillers).where(where);
}

export async function upsertBankBiller(db: Executor, row: { clientId: string; billerCode: string; reversalWindowMinutes: number | null }): Promise<void> {
  await db.insert(channelBankBillers).values(row)
    .onConflictDoUpdate({ target: [channelBankBillers.clientId, channelBankBillers.billerCode], set: { reversalWindowMinutes: row.reversalWindowMinutes } });
}
