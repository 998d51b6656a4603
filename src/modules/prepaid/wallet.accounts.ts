// The ledger accounts of a wallet. The wallet and the holds are `credit` accounts (money the state holds for the
// operator: a credit balance, negative in the ledger's sign); an offline overdraft is a receivable of the prepaid
// biller. Balances are always sums of ledger entries, read here; nothing stores a balance.
import type { Ctx } from '../../platform/context.js';
import { accounts, balancesOf } from '../ledger/index.js';

/** The biller whose payables are top-ups and whose revenue is the water sold. */
export const PREPAID_BILLER = 'mew-water-prepaid';

export const walletAccount = (operatorId: string) => accounts.credit(`prepaid-wallet-${operatorId}`);
export const holdAccount = (operatorId: string) => accounts.credit(`prepaid-hold-${operatorId}`);
export const debtAccount = (operatorId: string) => accounts.receivable(PREPAID_BILLER, `debt-${operatorId}`);
export const revenueAccount = () => accounts.revenue(PREPAID_BILLER);

export interface WalletBalances {
  /** What the operator may spend now. */
  available: bigint;
  /** Held for dispenses in flight. */
  held: bigint;
  /** Owed from offline filling beyond the wallet. */
  debt: bigint;
}

export async function walletBalances(ctx: Ctx, operatorId: string): Promise<WalletBalances> {
  const codes = [walletAccount(operatorId), holdAccount(operatorId), debtAccount(operatorId)];
  const rows = await balancesOf(ctx, codes);
  const of = (code: string) => rows.find((r) => r.accountCode === code)?.balance ?? 0n;
  return { available: -of(codes[0]!), held: -of(codes[1]!), debt: of(codes[2]!) };
}

/** Money for `gallons` at a price per 1,000 gallons, rounded half up to the minor unit. */
export function priceOf(gallons: number, pricePerThousand: bigint): bigint {
  return (BigInt(gallons) * pricePerThousand * 2n + 1000n) / 2000n;
}

/** The most whole gallons `amount` pays for at this price (never rounds up into money not held). */
export function gallonsFor(amount: bigint, pricePerThousand: bigint): number {
  if (pricePerThousand <= 0n || amount <= 0n) return 0;
  let gallons = Number((amount * 1000n) / pricePerThousand);
  while (gallons > 0 && priceOf(gallons, pricePerThousand) > amount) gallons -= 1;
  return gallons;
}
