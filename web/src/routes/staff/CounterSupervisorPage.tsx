// The office supervisor's day: every counter payment of the day (void one with a reason, while its drawer is
// open), the day's totals by tender and biller with each drawer's difference, and the day close.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Amount } from '../../components/Amount.js';
import { Button } from '../../components/Button.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { PageHeading } from '../../components/Layout.js';
import { PageLoading } from '../../components/PageLoading.js';
import { Badge, Section } from '../../components/Section.js';
import { TextField } from '../../components/TextField.js';
import { usePageTitle } from '../../components/page-title.js';
import { closeDay, dayPayments, dayReport, myOffices, voidPayment, type CounterPayment, type DayReport } from '../../features/counter/counter.api.js';
import { kuwaitNowLocal } from '../../features/staff/staff.api.js';
import { useAsync } from '../../lib/use-async.js';

export default function CounterSupervisorPage() {
  const { t } = useTranslation();
  usePageTitle('counterSupervisor.title');
  const date = kuwaitNowLocal().slice(0, 10);
  const day = useAsync(async () => {
    const office = (await myOffices())[0];
    if (!office) return null;
    const [payments, report] = await Promise.all([dayPayments(office.code, date), dayReport(office.code, date)]);
    return { office, payments, report };
  }, [date]);
  const [error, setError] = useState<unknown>(null);
  const d = day.data;
  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={t('counterSupervisor.title')} lead={d ? t('counterSupervisor.lead', { office: d.office.code, date }) : undefined} />
      {day.status === 'failed' && <ErrorNotice error={day.error} onRetry={day.reload} />}
      {day.status === 'loading' && !d && <PageLoading />}
      {d && (
        <>
          <Section title={t('counterSupervisor.payments')} testId="day-payments">
            {d.payments.length === 0 ? <p>{t('counterSupervisor.none')}</p> : (
              <ul className="flex flex-col gap-2">
                {d.payments.map((p) => <PaymentRow key={p.id} payment={p} onVoided={day.reload} />)}
              </ul>
            )}
          </Section>
          <Totals report={d.report} />
          {!d.report.closed && (
            <div>
              <Button data-testid="close-day" onClick={() => void closeDay(d.office.code, date).then(day.reload, setError)}>{t('counterSupervisor.closeDay')}</Button>
            </div>
          )}
          {error !== null && <ErrorNotice error={error} />}
        </>
      )}
    </div>
  );
}

function PaymentRow({ payment, onVoided }: { payment: CounterPayment; onVoided: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const voided = payment.status === 'voided';
  const credited = !/^0(\.0+)?$/.test(payment.credited);
  return (
    <li className="flex flex-col gap-2 rounded border border-slate-200 p-3" data-testid="day-payment" data-receipt={payment.receiptNumber} data-status={payment.status}>
      <div className="flex flex-wrap items-center gap-3">
        <span dir="ltr" className="font-bold">{payment.receiptNumber}</span>
        <Amount value={payment.amount} currency={payment.currency} />
        <span>{payment.items.map((i) => i.billerCode).join('، ')}</span>
        {payment.takenOffline && <Badge>{t('counter.journal.offline')}</Badge>}
        {payment.overOfflineLimit && <Badge tone="bad"><span data-testid="over-offline-limit">{t('counterSupervisor.overOfflineLimit')}</span></Badge>}
        {credited && <Badge tone="warn">{t('counter.journal.states.credited')}</Badge>}
        {voided ? <Badge tone="bad">{t('counterSupervisor.voided')}</Badge> : !open && <Button variant="secondary" onClick={() => setOpen(true)} data-testid="void">{t('counterSupervisor.void')}</Button>}
      </div>
      {voided && payment.voidReason && <p className="text-sm">{t('counterSupervisor.reason')}: {payment.voidReason}</p>}
      {open && !voided && (
        <form className="flex flex-col gap-2 md:flex-row md:items-end" onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          void voidPayment(payment.id, reason).then(onVoided, setError);
        }}>
          <TextField label={t('counterSupervisor.reason')} name="reason" value={reason} onChange={(e) => setReason(e.target.value)} className="flex-1" />
          <Button type="submit" data-testid="void-submit" disabled={reason.trim().length < 3}>{t('counterSupervisor.confirmVoid')}</Button>
        </form>
      )}
      {error !== null && <ErrorNotice error={error} />}
    </li>
  );
}

function Totals({ report }: { report: DayReport }) {
  const { t } = useTranslation();
  const c = report.currency;
  return (
    <Section title={report.closed ? t('counterSupervisor.closedTotals') : t('counterSupervisor.totals')} testId="day-totals">
      {report.closed && <Badge tone="good">{t('counterSupervisor.dayClosed')}</Badge>}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt>{t('counterSupervisor.paid', { count: report.paymentCount })}</dt>
        <dd data-testid="day-paid"><Amount value={report.paid} currency={c} className="font-bold" /></dd>
        <dt>{t('counterSupervisor.voidedTotal', { count: report.voidCount })}</dt>
        <dd data-testid="day-voided"><Amount value={report.voided} currency={c} /></dd>
        <dt>{t('counterSupervisor.overShort')}</dt>
        <dd data-testid="day-over-short"><Amount value={report.overShort} currency={c} /></dd>
        {report.byTender.map((row) => (
          <div key={row.kind} className="contents">
            <dt>{t(`counterSupervisor.tenders.${row.kind}`)} ({row.count})</dt>
            <dd data-testid={`tender-${row.kind}`}><Amount value={row.amount} currency={c} /></dd>
          </div>
        ))}
        {report.byBiller.map((row) => (
          <div key={row.billerCode} className="contents">
            <dt>{row.billerCode} ({row.count})</dt>
            <dd data-testid={`biller-${row.billerCode}`}><Amount value={row.amount} currency={c} /></dd>
          </div>
        ))}
      </dl>
      <ul className="flex flex-col gap-1">
        {report.drawers.map((dr) => (
          <li key={dr.drawerId} data-testid="day-drawer" data-status={dr.status}>
            {dr.counterCode}: {t(`counterSupervisor.drawerStatus.${dr.status}`, { defaultValue: dr.status })}
            {dr.difference !== null && <> · {t('counter.close.difference')}: <Amount value={dr.difference} currency={c} /></>}
          </li>
        ))}
      </ul>
    </Section>
  );
}
