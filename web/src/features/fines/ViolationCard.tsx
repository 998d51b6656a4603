// One violation: what, when, where, how much, its state and its objection; the owner may object once.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Amount } from '../../components/Amount.js';
import { Button } from '../../components/Button.js';
import { DateText } from '../../components/DateText.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { TextAreaField } from '../../components/FormFields.js';
import { Badge } from '../../components/Section.js';
import { useLanguage } from '../../i18n/index.js';
import { PayOneButton } from '../quick-pay/PayOneButton.js';
import { fileObjection, OBJECTION_REASON, type Violation } from './violations.api.js';

const STATUS_TONE = { unpaid: 'bad', partially_paid: 'warn', paid: 'good', cancelled: 'neutral' } as const;

export function ViolationCard({ violation, onChanged }: { violation: Violation; onChanged: (v: Violation) => void }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const [objecting, setObjecting] = useState(false);
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const text = reason.trim();
    setTooShort(text.length < OBJECTION_REASON.min);
    if (text.length < OBJECTION_REASON.min) return;
    setBusy(true);
    setError(null);
    try {
      const objection = await fileObjection(violation.id, text);
      onChanged({ ...violation, objection: { id: objection.id, status: objection.status } });
      setObjecting(false);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const typeName = language === 'ar' ? violation.type.nameAr : violation.type.nameEn;
  return (
    <li className="flex flex-col gap-2 rounded-lg border border-slate-300 bg-white p-4" data-testid="violation" data-number={violation.violationNumber}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <span className="font-bold">{typeName}</span>
        <Amount value={violation.amountDue !== '0.000' && violation.status !== 'paid' ? violation.amountDue : violation.amount} currency={violation.currency} className="text-lg font-bold" />
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm text-slate-700">
        <dt>{t('violations.number')}</dt>
        <dd><bdi className="tabular">{violation.violationNumber}</bdi></dd>
        <dt>{t('violations.plate')}</dt>
        <dd><bdi className="tabular">{violation.plate}</bdi></dd>
        {(violation.occurredAt ?? violation.occurredOn) && (
          <>
            <dt>{t('violations.when')}</dt>
            <dd><DateText value={(violation.occurredAt ?? violation.occurredOn)!} withTime withHijri /></dd>
          </>
        )}
        {violation.dueDate && (
          <>
            <dt>{t('quickPay.dueDate')}</dt>
            <dd><DateText value={violation.dueDate} withHijri /></dd>
          </>
        )}
        {violation.place && (
          <>
            <dt>{t('violations.where')}</dt>
            <dd>{violation.place[language] || violation.place.ar}</dd>
          </>
        )}
        {violation.speedKmh !== null && violation.limitKmh !== null && (
          <>
            <dt>{t('violations.speed')}</dt>
            <dd>{t('violations.speedValue', { speed: violation.speedKmh, limit: violation.limitKmh })}</dd>
          </>
        )}
      </dl>
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={STATUS_TONE[violation.status]}>{t(`violations.status.${violation.status}`)}</Badge>
        {violation.objection && <Badge tone="warn">{t('violations.objection')}: {t(`violations.objectionStatus.${violation.objection.status}`, { defaultValue: violation.objection.status })}</Badge>}
        {!violation.payableOnline && violation.holdReason && <span className="text-sm font-bold text-amber-900">{violation.holdReason[language]}</span>}
      </div>
      <PayOneButton payable={{ payableId: violation.payableId, amountDue: violation.amountDue, currency: violation.currency, payableOnline: violation.payableOnline, status: violation.status }} />
      {!violation.objection && violation.status !== 'cancelled' && !objecting && (
        <div>
          <Button variant="secondary" onClick={() => setObjecting(true)} data-testid="object">
            {t('violations.object')}
          </Button>
        </div>
      )}
      {objecting && (
        <form onSubmit={submit} noValidate className="flex flex-col gap-3" aria-busy={busy}>
          {error !== null && <ErrorNotice error={error} />}
          <TextAreaField
            label={t('violations.reason')}
            hint={t('violations.reasonHint')}
            value={reason}
            maxLength={OBJECTION_REASON.max}
            onChange={(e) => setReason(e.target.value)}
            error={tooShort ? t('violations.reasonTooShort') : undefined}
          />
          <div className="flex flex-wrap gap-3">
            <Button type="submit" disabled={busy}>
              {busy ? t('violations.sending') : t('violations.sendObjection')}
            </Button>
            <Button variant="quiet" onClick={() => setObjecting(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      )}
    </li>
  );
}
