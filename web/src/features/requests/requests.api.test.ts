import { describe, expect, it } from 'vitest';
import { attachmentProblem, filledFields, readAsBase64, sizeLimit, stepsFrom, type FieldSpec } from './requests.api.js';

// As the API lists them (GET /api/v1/request-types): the civil ID copy slot and the reconnection form.
const civilIdCopy = { contentTypes: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 2 * 1024 * 1024 };
const reconnectionFields: FieldSpec[] = [
  { name: 'accountNumber', labelAr: 'رقم الحساب', labelEn: 'Account number', kind: 'account', required: true, maxLength: 20 },
  { name: 'note', labelAr: 'ملاحظات', labelEn: 'Notes', kind: 'text', required: false, maxLength: 1000 },
];

describe('service request helpers', () => {
  it('refuses before upload what the server refuses: a type the slot does not take, an empty file, one too large', () => {
    expect(attachmentProblem(civilIdCopy, { type: 'application/pdf', size: 1000 })).toBeNull();
    expect(attachmentProblem(civilIdCopy, { type: 'image/png', size: civilIdCopy.maxBytes })).toBeNull();
    expect(attachmentProblem(civilIdCopy, { type: 'image/png', size: civilIdCopy.maxBytes + 1 })).toBe('too_large');
    expect(attachmentProblem(civilIdCopy, { type: 'application/x-msdownload', size: 10 })).toBe('type');
    expect(attachmentProblem(civilIdCopy, { type: 'application/pdf', size: 0 })).toBe('empty');
  });

  it('words a limit in whole megabytes, else kilobytes', () => {
    expect(sizeLimit(2 * 1024 * 1024)).toEqual({ value: 2, unit: 'MB' });
    expect(sizeLimit(500 * 1024)).toEqual({ value: 500, unit: 'KB' });
  });

  it('sends only filled fields of the type, trimmed', () => {
    expect(filledFields(reconnectionFields, { accountNumber: ' 880101 ', note: '  ', stray: 'x' })).toEqual({ accountNumber: '880101' });
  });

  it('offers the steps the workflow allows from each status, none once closed', () => {
    expect(stepsFrom('submitted')).toEqual(['accept', 'reject']);
    expect(stepsFrom('accepted')).toEqual(['schedule', 'reject']);
    expect(stepsFrom('scheduled')).toEqual(['start', 'reject']);
    expect(stepsFrom('in_progress')).toEqual(['complete', 'reject']);
    expect(stepsFrom('done')).toEqual([]);
    expect(stepsFrom('rejected')).toEqual([]);
  });

  it('reads a file as the base64 the API takes', async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => i % 251);
    expect(await readAsBase64(new Blob([bytes]))).toBe(Buffer.from(bytes).toString('base64'));
  });
});
