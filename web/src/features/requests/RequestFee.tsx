// A request's fee: its amount and whether it is paid. The citizen gets Pay (the same checkout as any due) while the
// fee is open; what is due comes from the fee's own payable in the person's dues, not from the type's list price.
import { useTranslation } from 'react-i18next';
import { Amount } from '../../components/Amount.js';
import { Badge } from '../../components/Section.js';
import { useLanguage } from '../../i18n/index.js';
import { useAsync } from '../../lib/use-async.js';
import { lookupDues } from '../quick-pay/dues.api.js';
import { PayOneButton } from '../quick-pay/PayOneButton.js';
import type { RequestDetail, RequestType } from './requests.api.js';

/** `typesLoading`: the request types are still on their way; until then whether there is a fee is not known. */
export function RequestFee({ request, type, typesLoading, canPay }: { request: RequestDetail; type: RequestType | undefined; typesLoading: boolean; canPay: boolean }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const payableId = request.feePayableId;
  const due = useAsync(
    (signal) => (canPay && payableId && !request.feePaid
      ? lookupDues('civilId', request.civilId, { signal }).then((dues) => dues.payables.find((p) => p.id === payableId) ?? null)
      : Promise.resolve(null)),
    [canPay, payableId, request.feePaid, request.civilId],
  );
  // Not "no fee" while the types load: a request with a fee showed "no fee" for a moment, then its fee.
  if (!type && typesLoading) return <p role="status" data-testid="request-fee" data-fee="loading">{t('common.loading')}</p>;
  if (!type || !/[1-9]/.test(type.fee)) return <p data-testid="request-fee" data-fee="none">{t('requests.fee.none')}</p>;
  return (
    <div className="flex flex-col gap-3" data-testid="request-fee" data-fee={!payableId ? 'later' : request.feePaid ? 'paid' : 'due'}>
      <p className="flex flex-wrap items-center gap-2">
        <span>{t('requests.fee.label')}</span>
        <Amount value={due.data?.amountDue ?? type.fee} currency={due.data?.currency ?? type.currency} className="font-bold" />
        {payableId && <Badge tone={request.feePaid ? 'good' : 'warn'}>{request.feePaid ? t('requests.fee.paid') : t('requests.fee.unpaid')}</Badge>}
      </p>
      {!payableId && <p className="text-sm text-slate-700">{t('requests.fee.afterAcceptance')}</p>}
      {payableId && !request.feePaid && type.feeBeforeWork && <p className="text-sm text-slate-700">{t('requests.fee.beforeWork')}</p>}
      {due.data && (
        <>
          {due.data.holdReason && <p className="text-sm">{due.data.holdReason[language]}</p>}
          <PayOneButton payable={{ payableId: due.data.id, amountDue: due.data.amountDue, currency: due.data.currency, payableOnline: due.data.payableOnline, status: due.data.status }} />
        </>
      )}
    </div>
  );
}
