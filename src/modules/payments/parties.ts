// Whose money is it: the party behind a payable, as the ledger names it. The receivable account is decided by the
// billers module (receivableAccountOf); a party's credit account reuses the same party key without the biller, so
// an overpayment on an account, a civil ID or a plate is found again when that party's next bill is issued.
import { receivableAccountOf, type Payable } from '../billers/index.js';
import { accounts } from '../ledger/index.js';

type PartyFields = Pick<Payable, 'billerCode' | 'accountNumber' | 'civilId' | 'plate' | 'id'>;

/** `acct-…`, `cid-…`, `plate-…` or `payable-…`: the receivable account's party part. */
export function partyOf(payable: PartyFields): string {
  const receivable = receivableAccountOf(payable);
  return receivable.slice(`receivable:${payable.billerCode}:`.length);
}

export function creditAccountOf(party: string): string {
  return accounts.credit(party);
}

/**
 * Credit accounts that may pay this payable, most specific first: its own party (the utility account, say), then
 * the owner's civil ID (an amount allocated by civil ID and left over), then the plate.
 */
export function creditAccountsFor(payable: PartyFields): string[] {
  const parties = [partyOf(payable)];
  if (payable.civilId) parties.push(`cid-${payable.civilId}`);
  if (payable.plate) parties.push(`plate-${payable.plate}`);
  return [...new Set(parties)].map(creditAccountOf);
}

/** The party named by an inquiry look-up, for an allocation's left-over amount. */
export function partyOfLookup(lookup: { civilId?: string; accountNumber?: string; plate?: string }): string | undefined {
  if (lookup.accountNumber) return `acct-${lookup.accountNumber}`;
  if (lookup.civilId) return `cid-${lookup.civilId}`;
  if (lookup.plate) return `plate-${lookup.plate}`;
  return undefined;
}
