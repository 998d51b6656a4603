// Service staff move a request one step: accept, schedule (with the planned visit), start, complete, or reject with
// the reason the citizen will read. Only the steps open from the request's status are offered; the server decides.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { TextAreaField } from '../../components/FormFields.js';
import { TextField } from '../../components/TextField.js';
import { kuwaitLocalToIso, kuwaitNowLocal } from '../staff/staff.api.js';
import { moveRequest, stepsFrom, type RequestDetail, type RequestType, type Step } from './requests.api.js';

export function StepActions({ request, type, onMoved }: { request: RequestDetail; type: RequestType | undefined; onMoved: () => void }) {
  const { t } = useTranslation();
  const steps = stepsFrom(request.status);
  const [note, setNote] = useState('');
  const [when, setWhen] = useState(() => kuwaitNowLocal(new Date(Date.now() + 86_400_000)).slice(0, 11) + '09:00');
  const [problem, setProblem] = useState<{ note?: string; when?: string }>({});
  const [busy, setBusy] = useState<Step | null>(null);
  const [error, setError] = useState<unknown>(null);
  const waitingForFee = type?.feeBeforeWork === true && request.feePayableId !== null && !request.feePaid;

  async function take(step: Step, event?: FormEvent) {
    event?.preventDefault();
    const scheduledFor = step === 'schedule' ? kuwaitLocalToIso(when) : null;
    const found = {
      note: step === 'reject' && !note.trim() ? t('requests.steps.reasonMissing') : undefined,
      when: step === 'schedule' && !scheduledFor ? t('requests.steps.whenMissing') : undefined,
    };
    setProblem(found);
    if (found.note || found.when) return;
    setBusy(step);
    setError(null);
    try {
      await moveRequest(request.id, { step, ...(note.trim() ? { note: note.trim() } : {}), ...(scheduledFor ? { scheduledFor } : {}) });
      setNote('');
      onMoved();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  }

  if (steps.length === 0) return <p data-testid="request-closed">{t('requests.steps.closed')}</p>;
  return (
    <form onSubmit={(e) => void take(steps[0]!, e)} noValidate className="flex flex-col gap-4" aria-busy={busy !== null}>
      {error !== null && <ErrorNotice error={error} />}
      {steps.includes('schedule') && (
        <>
          {waitingForFee && <p className="rounded-lg border-s-4 border-amber-600 bg-amber-50 p-3" data-testid="waiting-for-fee">{t('requests.steps.waitingForFee')}</p>}
          <TextField label={t('requests.steps.when')} type="datetime-local" name="scheduledFor" value={when} onChange={(e) => setWhen(e.target.value)} error={problem.when} />
        </>
      )}
      <TextAreaField label={t('requests.steps.note')} hint={t('requests.steps.noteHint')} name="note" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} error={problem.note} />
      <div className="flex flex-wrap gap-3">
        {steps.map((step) => (
          <Button key={step} type={step === steps[0] ? 'submit' : 'button'} variant={step === 'reject' ? 'secondary' : 'primary'} disabled={busy !== null}
            onClick={step === steps[0] ? undefined : () => void take(step)} data-testid={`step-${step}`}>
            {busy === step ? t('requests.steps.working') : t(`requests.steps.${step}`)}
          </Button>
        ))}
      </div>
    </form>
  );
}
