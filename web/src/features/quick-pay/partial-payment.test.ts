// Part payments where the biller allows them: what may be typed, what is paid, and what checkout is asked for.
import { describe, expect, it } from 'vitest';
import { amountProblem, checkoutItems, chosenAmount, invalidAmounts, normaliseTypedAmount, selectedTotal } from './dues-selection.js';
import { duePayable, TRAFFIC } from './payable.fixture.js';
import { checkoutBody } from './start-checkout.js';

const electricity = duePayable({ id: 'pbl_e', amountDue: '12.500', allowsPartialPayment: true, minPartialAmount: '1.000' });
const fine = duePayable({ id: 'pbl_f', biller: TRAFFIC, kind: 'violation', amountDue: '30.000' });
const both = new Set(['pbl_e', 'pbl_f']);

describe('part payments', () => {
  it('accepts an amount between the minimum and what is due, typed with any digits or separator', () => {
    expect(normaliseTypedAmount('٥٫٢٥٠')).toBe('5.250');
    expect(normaliseTypedAmount('5,25')).toBe('5.25');
    expect(amountProblem(electricity, '5.250')).toBeNull();
    expect(amountProblem(electricity, '١')).toBeNull();
    expect(amountProblem(electricity, '12.500')).toBeNull();
  });

  it('says what is wrong with an amount that cannot be paid', () => {
    expect(amountProblem(electricity, '0.999')).toBe('below_minimum');
    expect(amountProblem(electricity, '12.501')).toBe('above_due');
    expect(amountProblem(electricity, '1.0001')).toBe('too_many_decimals');
    expect(amountProblem(electricity, '1.5001')).toBe('too_many_decimals');
    expect(amountProblem(electricity, 'abc')).toBe('invalid');
    expect(amountProblem(electricity, '0')).toBe('below_minimum');
    expect(amountProblem({ ...electricity, minPartialAmount: '0.000' }, '0')).toBe('not_positive');
    expect(amountProblem(electricity, '')).toBe('invalid');
  });

  it('pays what was typed where allowed, and everything elsewhere', () => {
    const amounts = new Map([['pbl_e', '5.25'], ['pbl_f', '10.000']]);
    expect(chosenAmount(electricity, amounts)).toBe('5.250');
    expect(chosenAmount(fine, amounts)).toBe('30.000');
    expect(selectedTotal([electricity, fine], both, amounts)).toEqual([{ amount: '35.250', currency: 'KWD' }]);
    expect(checkoutItems([electricity, fine], both, amounts)).toEqual([{ payableId: 'pbl_e', amount: '5.250' }, { payableId: 'pbl_f' }]);
  });

  it('counts a typed amount that is not valid as the full amount, and flags it', () => {
    const amounts = new Map([['pbl_e', '0.5']]);
    expect(chosenAmount(electricity, amounts)).toBe('12.500');
    expect(invalidAmounts([electricity, fine], both, amounts)).toEqual(['pbl_e']);
    expect(invalidAmounts([electricity, fine], new Set(['pbl_f']), amounts)).toEqual([]);
  });

  it('asks checkout for payableIds when everything is paid in full, and items with amounts otherwise', () => {
    expect(checkoutBody(checkoutItems([electricity, fine], both, new Map([['pbl_e', '12.5']])), 'ar')).toEqual({ payableIds: ['pbl_e', 'pbl_f'], language: 'ar' });
    expect(checkoutBody(checkoutItems([electricity, fine], both, new Map([['pbl_e', '2']])), 'en')).toEqual({
      items: [{ payableId: 'pbl_e', amount: '2.000' }, { payableId: 'pbl_f' }],
      language: 'en',
    });
  });
});
