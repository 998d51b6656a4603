// /kiosk: a self-service kiosk. Look up by civil ID or account number (no sign-in: names are initials, a bill's
// account reference is not shown), tick the dues to pay, pay by card through KNET. The look-up stays in the page's
// memory, never in its address, and the page returns to an empty look-up in Arabic after a pause with no touch.
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Amount } from '../components/Amount.js';
import { DateText } from '../components/DateText.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { usePageTitle } from '../components/page-title.js';
import { useLanguage } from '../i18n/index.js';
import { kioskButton } from '../features/kiosk/KioskFrame.js';
import { announceKioskReset, idleSecondsFrom, useIdleTimer } from '../features/kiosk/idle-reset.js';
import { KIOSK_LOOKUP_KINDS, lookupDues, normaliseLookupValue, startKioskCheckout, type Dues, type KioskLookupKind } from '../features/kiosk/kiosk.api.js';
import { newIdempotencyKey } from '../features/quick-pay/start-checkout.js';
import { fromMinorUnits, toMinorUnits } from '../lib/money.js';

export default function KioskPage() {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  const location = useLocation();
  const idleSeconds = idleSecondsFrom(location.search);
  const [kind, setKind] = useState<KioskLookupKind>('civilId');
  const [value, setValue] = useState('');
  const [dues, setDues] = useState<Dues | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'looking' | 'paying' | null>(null);
  const checkoutKeys = useRef(new Map<string, string>());
  usePageTitle(dues ? 'kiosk.dues.title' : 'kiosk.lookup.title');

  // A kiosk starts in Arabic, whatever the last person chose (once, when the look-up opens).
  const startLanguage = useRef(setLanguage);
  useEffect(() => startLanguage.current('ar'), []);

  const reset = useCallback(() => {
    setDues(null);
    setValue('');
    setKind('civilId');
    setSelected(new Set());
    setError(null);
    setBusy(null);
    checkoutKeys.current.clear();
    setLanguage('ar');
    announceKioskReset('/kiosk');
  }, [setLanguage]);
  const left = useIdleTimer(idleSeconds, busy !== 'paying' && (dues !== null || value !== '' || error !== null), reset);

  const lookUp = async (event: FormEvent) => {
    event.preventDefault();
    const normalised = normaliseLookupValue(kind, value);
    if (!normalised) return;
    setBusy('looking');
    setError(null);
    try {
      const found = await lookupDues(kind, normalised);
      setDues(found);
      setSelected(new Set(found.payables.filter((p) => p.payableOnline).map((p) => p.id)));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  const pay = async () => {
    const ids = [...selected].sort();
    const selection = ids.join(',');
    const idempotencyKey = checkoutKeys.current.get(selection) ?? newIdempotencyKey();
    checkoutKeys.current.set(selection, idempotencyKey);
    setBusy('paying');
    setError(null);
    try {
      await startKioskCheckout(ids, { idempotencyKey, language });
    } catch (caught) {
      setError(caught);
      setBusy(null);
    }
  };

  return (
    <div className="flex flex-col gap-8" data-testid="kiosk-page" data-step={dues ? 'dues' : 'lookup'}>
      {dues === null ? (
        <LookupStep kind={kind} value={value} busy={busy === 'looking'} onKind={setKind} onValue={setValue} onSubmit={lookUp} />
      ) : (
        <DuesStep dues={dues} selected={selected} onToggle={(id) => setSelected(toggled(selected, id))} onPay={pay} paying={busy === 'paying'} onBack={reset} />
      )}
      {error !== null && <ErrorNotice error={error} />}
      {(dues !== null || value !== '') && busy !== 'paying' && (
        <p className="text-base text-slate-700" data-testid="kiosk-idle">{t('kiosk.resetIn', { seconds: left })}</p>
      )}
    </div>
  );
}

function toggled(set: Set<string>, id: string): Set<string> {
  const next = new Set(set);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

function LookupStep({ kind, value, busy, onKind, onValue, onSubmit }: {
  kind: KioskLookupKind;
  value: string;
  busy: boolean;
  onKind: (kind: KioskLookupKind) => void;
  onValue: (value: string) => void;
  onSubmit: (event: FormEvent) => void;
}) {
  const { t } = useTranslation();
  const inputId = useId();
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-6" data-testid="kiosk-lookup" noValidate>
      <div className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold text-slate-900 sm:text-4xl">{t('kiosk.lookup.title')}</h1>
        <p className="text-xl text-slate-700">{t('kiosk.lookup.lead')}</p>
      </div>
      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-3 text-xl font-bold">{t('kiosk.lookup.by')}</legend>
        {KIOSK_LOOKUP_KINDS.map((option) => (
          <label key={option} className={`flex min-h-16 flex-1 cursor-pointer items-center gap-3 rounded-2xl border-2 px-6 text-xl font-bold ${kind === option ? 'border-brand-800 bg-brand-50 text-brand-900' : 'border-slate-300 bg-white'}`}>
            <input type="radio" name="kind" value={option} checked={kind === option} onChange={() => onKind(option)} className="size-6 accent-brand-800" data-testid={`kiosk-kind-${option}`} />
            {t(`kiosk.lookup.kinds.${option}`)}
          </label>
        ))}
      </fieldset>
      <div className="flex flex-col gap-2">
        <label htmlFor={inputId} className="text-xl font-bold">{t(`kiosk.lookup.kinds.${kind}`)}</label>
        <input
          id={inputId}
          name={kind}
          value={value}
          onChange={(event) => onValue(event.target.value)}
          inputMode={kind === 'civilId' ? 'numeric' : 'text'}
          autoComplete="off"
          dir="ltr"
          maxLength={32}
          className="min-h-20 rounded-2xl border-2 border-slate-400 bg-white px-6 text-center text-3xl tracking-widest focus:border-brand-800 focus:outline-none focus:ring-4 focus:ring-brand-200"
          data-testid="kiosk-lookup-value"
        />
      </div>
      <button type="submit" className={kioskButton('primary', 'w-full')} disabled={busy || value.trim() === ''} data-testid="kiosk-find">
        {busy ? t('kiosk.lookup.searching') : t('kiosk.lookup.submit')}
      </button>
    </form>
  );
}

function DuesStep({ dues, selected, onToggle, onPay, paying, onBack }: {
  dues: Dues;
  selected: Set<string>;
  onToggle: (id: string) => void;
  onPay: () => void;
  paying: boolean;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const chosen = dues.payables.filter((p) => p.payableOnline && selected.has(p.id));
  const total = fromMinorUnits(chosen.reduce((sum, p) => sum + toMinorUnits(p.amountDue, dues.currency), 0n), dues.currency);
  return (
    <section className="flex flex-col gap-6" data-testid="kiosk-dues" aria-labelledby="kiosk-dues-title">
      <div className="flex flex-col gap-2">
        <h1 id="kiosk-dues-title" className="text-3xl font-bold text-slate-900 sm:text-4xl">{t('kiosk.dues.title')}</h1>
        <p className="text-xl text-slate-700">{dues.payables.length === 0 ? t('kiosk.dues.none') : t('kiosk.dues.lead')}</p>
      </div>
      <ul className="flex flex-col gap-4">
        {dues.payables.map((p) => (
          <li key={p.id}>
            <label className={`flex min-h-20 items-center gap-5 rounded-2xl border-2 bg-white px-6 py-4 ${p.payableOnline ? 'cursor-pointer' : 'opacity-80'} ${selected.has(p.id) ? 'border-brand-800' : 'border-slate-300'}`} data-testid="kiosk-due">
              <input type="checkbox" className="size-8 shrink-0 accent-brand-800" checked={p.payableOnline && selected.has(p.id)} disabled={!p.payableOnline || paying} onChange={() => onToggle(p.id)} data-testid="kiosk-due-checkbox" />
              <span className="flex flex-1 flex-col gap-1">
                <span className="text-xl font-bold">{language === 'ar' ? p.biller.nameAr : p.biller.nameEn}</span>
                <span>{p.description[language]}</span>
                <span className="text-base text-slate-700">
                  {t('kiosk.dues.dueDate')}: <DateText value={p.dueDate} />
                  {p.owner && <> · {t('kiosk.dues.owner')}: <bdi data-testid="kiosk-due-owner">{p.owner.name[language]}</bdi></>}
                </span>
                {!p.payableOnline && <span className="text-base font-bold text-amber-900">{t('kiosk.dues.held')}{p.holdReason ? `: ${p.holdReason[language]}` : ''}</span>}
              </span>
              <Amount value={p.amountDue} currency={p.currency} className="text-2xl font-bold" />
            </label>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-center justify-between gap-4 rounded-2xl bg-white p-6 shadow-sm">
        <p className="text-xl">{t('kiosk.dues.selectedTotal')}: <Amount value={total} currency={dues.currency} className="text-3xl font-bold" /></p>
        <div className="flex flex-wrap gap-4">
          <button type="button" className={kioskButton('secondary')} onClick={onBack} disabled={paying} data-testid="kiosk-new-search">{t('kiosk.dues.newSearch')}</button>
          <button type="button" className={kioskButton('primary')} onClick={onPay} disabled={paying || chosen.length === 0} data-testid="kiosk-pay">
            {paying ? t('kiosk.dues.paying') : t('kiosk.dues.pay')}
          </button>
        </div>
      </div>
    </section>
  );
}
