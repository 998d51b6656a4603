// A new service request: the type chosen first, then its own form (fields and attachments as the type's data
// defines them) and the office that will handle it. Missing fields and files are told at their box before sending;
// any refusal of the server is shown in the person's language.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/index.js';
import { Amount } from '../../components/Amount.js';
import { Button } from '../../components/Button.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { SelectField } from '../../components/FormFields.js';
import { TextField } from '../../components/TextField.js';
import { useLanguage } from '../../i18n/index.js';
import { normaliseFreeInput } from '../../lib/digits.js';
import { AttachmentInput } from './AttachmentInput.js';
import { filledFields, OFFICES, readAsBase64, submitRequest, type FieldSpec, type RequestSummary, type RequestType } from './requests.api.js';

const INPUT_TYPES = { text: 'text', number: 'text', date: 'date', account: 'text' } as const;

function FieldInput({ spec, value, error, accounts, onChange }: { spec: FieldSpec; value: string; error?: string; accounts: readonly string[]; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const label = `${language === 'ar' ? spec.labelAr : spec.labelEn}${spec.required ? '' : ` ${t('requests.form.optional')}`}`;
  return (
    <>
      <TextField label={label} name={spec.name} value={value} error={error}
        type={INPUT_TYPES[spec.kind as keyof typeof INPUT_TYPES] ?? 'text'} inputMode={spec.kind === 'number' ? 'decimal' : undefined}
        maxLength={spec.maxLength} autoComplete="off" list={spec.kind === 'account' && accounts.length > 0 ? `accounts-${spec.name}` : undefined}
        onChange={(e) => onChange(e.target.value)} />
      {spec.kind === 'account' && accounts.length > 0 && (
        <datalist id={`accounts-${spec.name}`}>{accounts.map((a) => <option key={a} value={a} />)}</datalist>
      )}
    </>
  );
}

export function NewRequestForm({ types, accounts, defaultOffice, onSubmitted }: { types: readonly RequestType[]; accounts: readonly string[]; defaultOffice?: string; onSubmitted: (request: RequestSummary) => void }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const [typeCode, setTypeCode] = useState('');
  const [office, setOffice] = useState(defaultOffice && (OFFICES as readonly string[]).includes(defaultOffice) ? defaultOffice : '');
  const [values, setValues] = useState<Record<string, string>>({});
  const [files, setFiles] = useState<Record<string, File | null>>({});
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const type = types.find((x) => x.code === typeCode);
  // A refusal naming one field (missing or not valid) is shown at that field.
  const named = error instanceof ApiError ? error.details.field : undefined;
  const fieldOfError = typeof named === 'string' && type?.fields.some((spec) => spec.name === named) ? named : null;

  function chooseType(code: string) {
    setTypeCode(code);
    setValues({});
    setFiles({});
    setMissing(new Set());
    setError(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const gaps = new Set<string>();
    if (!type) gaps.add('typeCode');
    if (!office) gaps.add('office');
    for (const spec of type?.fields ?? []) if (spec.required && !values[spec.name]?.trim()) gaps.add(spec.name);
    for (const spec of type?.attachments ?? []) if (!files[spec.name]) gaps.add(`attachment:${spec.name}`);
    setMissing(gaps);
    if (gaps.size > 0 || !type) return;
    setBusy(true);
    setError(null);
    try {
      const normalised = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, normaliseFreeInput(value)]));
      const attachments = await Promise.all(type.attachments.map(async (spec) => {
        const file = files[spec.name]!;
        return { name: spec.name, filename: file.name.slice(0, 200), contentType: file.type, content: await readAsBase64(file) };
      }));
      onSubmitted(await submitRequest({ typeCode: type.code, office, fields: filledFields(type.fields, normalised), attachments }));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-5 rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:p-8" aria-busy={busy}>
      {error !== null && !fieldOfError && <ErrorNotice error={error} />}
      <SelectField label={t('requests.form.type')} name="typeCode" value={typeCode} onChange={(e) => chooseType(e.target.value)}
        error={missing.has('typeCode') ? t('requests.form.typeMissing') : undefined}>
        <option value="">{t('requests.form.chooseType')}</option>
        {types.map((x) => <option key={x.code} value={x.code}>{language === 'ar' ? x.nameAr : x.nameEn}</option>)}
      </SelectField>
      {type && (
        <p className="flex flex-wrap items-center gap-2" data-testid="type-fee">
          {/[1-9]/.test(type.fee)
            ? <>{t('requests.form.fee')} <Amount value={type.fee} currency={type.currency} className="font-bold" /> {type.feeBeforeWork ? t('requests.form.feeBeforeWork') : ''}</>
            : t('requests.fee.none')}
        </p>
      )}
      <SelectField label={t('requests.form.office')} name="office" value={office} onChange={(e) => setOffice(e.target.value)}
        error={missing.has('office') ? t('requests.form.officeMissing') : undefined}>
        <option value="">{t('requests.form.chooseOffice')}</option>
        {OFFICES.map((code) => <option key={code} value={code}>{t(`requests.offices.${code}`)}</option>)}
      </SelectField>
      {type?.fields.map((spec) => (
        <FieldInput key={spec.name} spec={spec} value={values[spec.name] ?? ''} accounts={accounts}
          error={missing.has(spec.name) ? t('requests.form.fieldMissing') : fieldOfError === spec.name ? (error as ApiError).messageIn(language) : undefined}
          onChange={(value) => setValues((v) => ({ ...v, [spec.name]: value }))} />
      ))}
      {type?.attachments.map((spec) => (
        <AttachmentInput key={`${type.code}:${spec.name}`} spec={spec} file={files[spec.name] ?? null} missing={missing.has(`attachment:${spec.name}`)}
          onChange={(file) => setFiles((f) => ({ ...f, [spec.name]: file }))} />
      ))}
      <Button type="submit" disabled={busy} className="w-full sm:w-auto sm:self-start" data-testid="submit-request">
        {busy ? t('requests.form.submitting') : t('requests.form.submit')}
      </Button>
    </form>
  );
}
