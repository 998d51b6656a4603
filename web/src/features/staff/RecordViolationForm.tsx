// An officer records a violation seen on the road: plate, type from the catalogue, time, place, and for speeding
// the measured speed and the limit. The violation number is made once per form, so a retry never records twice.
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Amount } from '../../components/Amount.js';
import { Button } from '../../components/Button.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { SelectField } from '../../components/FormFields.js';
import { Section } from '../../components/Section.js';
import { TextField } from '../../components/TextField.js';
import { useLanguage } from '../../i18n/index.js';
import { normaliseFreeInput, toWesternDigits } from '../../lib/digits.js';
import type { Violation } from '../fines/violations.api.js';
import { useAsync } from '../../lib/use-async.js';
import { kuwaitLocalToIso, kuwaitNowLocal, newOfficerViolationNumber, previewFine, recordViolation, type ViolationType } from './staff.api.js';

type Field = 'plate' | 'typeCode' | 'occurredAt' | 'place' | 'speed';

export function RecordViolationForm({ types, unit }: { types: ViolationType[]; unit: string | null | undefined }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const [violationNumber, setViolationNumber] = useState(() => newOfficerViolationNumber(unit));
  const [plate, setPlate] = useState('');
  const [typeCode, setTypeCode] = useState('');
  const [occurredAt, setOccurredAt] = useState(() => kuwaitNowLocal());
  const [place, setPlace] = useState('');
  const [placeEn, setPlaceEn] = useState('');
  const [speed, setSpeed] = useState('');
  const [limit, setLimit] = useState('');
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [recorded, setRecorded] = useState<Violation | null>(null);
  const type = useMemo(() => types.find((ty) => ty.code === typeCode), [types, typeCode]);
  const fineQuery = useMemo(() => finePreviewQuery(type, speed, limit), [type, speed, limit]);
  // The fine as recording will set it, asked of the server each time the type, speed or limit changes.
  const fine = useAsync((signal) => (fineQuery ? previewFine(fineQuery, undefined, signal) : Promise.resolve(null)), [fineQuery]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    const cleanPlate = normaliseFreeInput(plate);
    const when = kuwaitLocalToIso(occurredAt);
    const speedKmh = Number(toWesternDigits(speed));
    const limitKmh = Number(toWesternDigits(limit));
    if (!cleanPlate) found.plate = t('officer.missing.plate');
    if (!type) found.typeCode = t('officer.missing.type');
    if (!when || Date.parse(when) > Date.now() + 5 * 60_000) found.occurredAt = t('officer.missing.time');
    if (!place.trim()) found.place = t('officer.missing.place');
    if (type?.isSpeeding && !(Number.isInteger(speedKmh) && Number.isInteger(limitKmh) && speedKmh > limitKmh && limitKmh > 0)) found.speed = t('officer.missing.speed');
    setProblems(found);
    if (Object.keys(found).length > 0 || !type || !when) return;
    setBusy(true);
    setError(null);
    try {
      const violation = await recordViolation({
        violationNumber,
        plate: cleanPlate,
        typeCode: type.code,
        occurredAt: when,
        place: { text: place.trim(), ...(placeEn.trim() ? { textEn: placeEn.trim() } : {}) },
        ...(type.isSpeeding ? { speedKmh, limitKmh } : {}),
      });
      setRecorded(violation);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  function another() {
    setRecorded(null);
    setViolationNumber(newOfficerViolationNumber(unit));
    setPlate('');
    setSpeed('');
    setLimit('');
    setOccurredAt(kuwaitNowLocal());
  }

  if (recorded) {
    return (
      <Section title={t('officer.recordedTitle')} testId="recorded">
        <p role="status" className="font-bold text-emerald-900">{t('officer.recorded', { number: recorded.violationNumber })}</p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt>{t('violations.plate')}</dt>
          <dd><bdi className="tabular">{recorded.plate}</bdi></dd>
          <dt>{t('officer.type')}</dt>
          <dd>{language === 'ar' ? recorded.type.nameAr : recorded.type.nameEn}</dd>
          <dt>{t('officer.amount')}</dt>
          <dd><Amount value={recorded.amount} currency={recorded.currency} /></dd>
          <dt>{t('officer.owner')}</dt>
          <dd><bdi className="tabular">{recorded.ownerCivilId ?? t('officer.ownerUnknown')}</bdi></dd>
        </dl>
        <div>
          <Button variant="secondary" onClick={another}>{t('officer.another')}</Button>
        </div>
      </Section>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-5 rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:p-8" aria-busy={busy}>
      {error !== null && <ErrorNotice error={error} />}
      <p className="text-sm text-slate-700">
        {t('officer.number')}: <bdi className="tabular font-bold" data-testid="violation-number">{violationNumber}</bdi>
      </p>
      <TextField label={t('violations.plate')} hint={t('officer.plateHint')} name="plate" autoComplete="off" value={plate} onChange={(e) => setPlate(e.target.value)} error={problems.plate} />
      <SelectField label={t('officer.type')} name="typeCode" value={typeCode} onChange={(e) => setTypeCode(e.target.value)} error={problems.typeCode}>
        <option value="">{t('officer.chooseType')}</option>
        {types.map((ty) => (
          <option key={ty.code} value={ty.code}>
            {language === 'ar' ? ty.nameAr : ty.nameEn}
          </option>
        ))}
      </SelectField>
      {type && (
        <p className="text-sm text-slate-700" data-testid="fine-preview" aria-live="polite">
          {!fineQuery ? t('officer.fineNeedsSpeed') : fine.status === 'ready' && fine.data ? (
            <>{t('officer.fine')}: <Amount value={fine.data.amount} currency={fine.data.currency} /></>
          ) : fine.status === 'failed' ? t('officer.fineUnknown') : t('officer.fineLoading')}
          {!type.payableOnline && ` · ${t('officer.heldForLegal')}`}
        </p>
      )}
      <TextField label={t('officer.time')} hint={t('officer.timeHint')} type="datetime-local" name="occurredAt" value={occurredAt} onChange={(e) => setOccurredAt(e.target.value)} error={problems.occurredAt} />
      <TextField label={t('officer.place')} hint={t('officer.placeHint')} name="place" value={place} onChange={(e) => setPlace(e.target.value)} error={problems.place} />
      <TextField label={t('officer.placeEn')} name="placeEn" lang="en" dir="ltr" value={placeEn} onChange={(e) => setPlaceEn(e.target.value)} />
      {type?.isSpeeding && (
        <fieldset className="flex flex-col gap-3">
          <legend className="font-bold">{t('officer.speedTitle')}</legend>
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField label={t('officer.speed')} inputMode="numeric" name="speedKmh" value={speed} onChange={(e) => setSpeed(e.target.value)} error={problems.speed} />
            <TextField label={t('officer.limit')} inputMode="numeric" name="limitKmh" value={limit} onChange={(e) => setLimit(e.target.value)} />
          </div>
        </fieldset>
      )}
      <Button type="submit" disabled={busy} className="w-full sm:w-auto sm:self-start" data-testid="record">
        {busy ? t('officer.recording') : t('officer.record')}
      </Button>
    </form>
  );
}

/** What to ask the preview for, or null while a speeding type still lacks a speed over the limit. */
function finePreviewQuery(type: ViolationType | undefined, speed: string, limit: string): { typeCode: string; speedKmh?: number; limitKmh?: number } | null {
  if (!type) return null;
  if (!type.isSpeeding) return { typeCode: type.code };
  const speedKmh = Number(toWesternDigits(speed.trim()));
  const limitKmh = Number(toWesternDigits(limit.trim()));
  if (!speed.trim() || !limit.trim() || !Number.isInteger(speedKmh) || !Number.isInteger(limitKmh) || limitKmh <= 0 || speedKmh <= limitKmh) return null;
  return { typeCode: type.code, speedKmh, limitKmh };
}
