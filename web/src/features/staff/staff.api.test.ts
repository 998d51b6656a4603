import { describe, expect, it } from 'vitest';
import { kuwaitLocalToIso, kuwaitNowLocal, newOfficerViolationNumber } from './staff.api.js';

describe('officer recording helpers', () => {
  it('makes a violation number the fines API accepts, from the unit and the day', () => {
    const number = newOfficerViolationNumber('TRAFFIC-HAWALLI', new Date('2026-03-14T10:00:00Z'), () => 123456);
    expect(number).toBe('OFC-TRAFFICHAWALLI-20260314-0002N9C');
    expect(number).toMatch(/^[\w./-]+$/);
    expect(newOfficerViolationNumber(null, new Date('2026-03-14T10:00:00Z'), () => 1)).toBe('OFC-OFC-20260314-0000001');
  });

  it('makes two forms two different numbers', () => {
    expect(newOfficerViolationNumber('U')).not.toBe(newOfficerViolationNumber('U'));
  });

  it('reads a Kuwait wall-clock time as +03:00, and refuses anything else', () => {
    expect(kuwaitLocalToIso('2026-03-14T21:05')).toBe('2026-03-14T21:05:00+03:00');
    expect(kuwaitLocalToIso('2026-13-14T21:05')).toBeNull();
    expect(kuwaitLocalToIso('')).toBeNull();
    expect(kuwaitNowLocal(new Date('2026-03-14T22:30:00Z'))).toBe('2026-03-15T01:30');
  });
});
