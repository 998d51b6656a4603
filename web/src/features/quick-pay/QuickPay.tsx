// Quick pay: look up what is owed, tick what to pay, pay. No sign-in needed, as at a bank counter.
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/index.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useLanguage } from '../../i18n/index.js';
import { DuesPayPanel } from './DuesPayPanel.js';
import { LookupForm } from './LookupForm.js';
import { lookupDues, lookupFromQuery, type Dues, type LookupKind } from './dues.api.js';
import { rememberLookup } from './last-lookup.js';

export function QuickPay() {
  const { t } = useTranslation();
  const [dues, setDues] = useState<Dues | null>(null);
  const [lookupError, setLookupError] = useState<unknown>(null);
  const [searching, setSearching] = useState(false);
  const lastLookup = useRef<{ kind: LookupKind; value: string } | null>(null);
  const pending = useRef<AbortController | null>(null);
  const results = useRef<HTMLHeadingElement>(null);
  const [params] = useSearchParams();
  // A link from an SMS or email (`/?plate=…`, `/?accountNumber=…`) opens with that look-up already done.
  const [fromLink] = useState(() => lookupFromQuery(params));

  async function lookup(kind: LookupKind, value: string) {
    pending.current?.abort();
    const controller = new AbortController();
    pending.current = controller;
    lastLookup.current = { kind, value };
    setSearching(true);
    setLookupError(null);
    try {
      const found = await lookupDues(kind, value, { signal: controller.signal });
      setDues(found);
      rememberLookup(kind, value);
      // Move the reader to what was found, as a screen reader user would not otherwise know it appeared.
      requestAnimationFrame(() => results.current?.focus());
    } catch (error) {
      if (controller.signal.aborted) return;
      setDues(null);
      setLookupError(error);
    } finally {
      if (pending.current === controller) setSearching(false);
    }
  }

  useEffect(() => {
    if (fromLink) void lookup(fromLink.kind, fromLink.value);
    // Once, on arrival: later changes come from the form.
  }, []);

  // A number refused as such (not valid: 400; nothing by that number: 404) is the box's error; others (network,
  // too many tries, server) are the page's.
  const { language } = useLanguage();
  const aboutTheNumber = lookupError instanceof ApiError && (lookupError.status === 400 || lookupError.status === 404);
  const retry = () => lastLookup.current && void lookup(lastLookup.current.kind, lastLookup.current.value);

  return (
    <div className="flex flex-col gap-8">
      <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:p-8" aria-labelledby="lookup-heading">
        <h2 id="lookup-heading" className="mb-4 text-xl font-bold">
          {t('quickPay.lookupTitle')}
        </h2>
        <LookupForm busy={searching} initial={fromLink} onLookup={(kind, value) => void lookup(kind, value)} fieldError={aboutTheNumber ? lookupError.messageIn(language) : undefined} />
      </section>

      {lookupError !== null && !aboutTheNumber && <ErrorNotice error={lookupError} onRetry={retry} />}

      {dues && (
        <section className="flex flex-col gap-4" aria-labelledby="dues-heading" data-testid="dues">
          <h2 id="dues-heading" ref={results} tabIndex={-1} className="text-xl font-bold">
            {t('quickPay.duesTitle', { count: dues.payables.length })}
          </h2>
          {dues.payables.length === 0 ? (
            <p className="rounded-lg border border-slate-200 bg-white p-5">{t('quickPay.nothingDue')}</p>
          ) : (
            <DuesPayPanel payables={dues.payables} />
          )}
        </section>
      )}
    </div>
  );
}
