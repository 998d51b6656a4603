// A request's history, oldest first: each change of status (with the note given), each comment (the citizen's and
// staff's, told apart) and each escalation of a late step.
import { useTranslation } from 'react-i18next';
import { DateText } from '../../components/DateText.js';
import type { HistoryEntry } from './requests.api.js';

function who(entry: HistoryEntry, viewerIsStaff: boolean, t: (key: string) => string): string {
  if (entry.actorKind === 'person') return viewerIsStaff ? t('requests.timeline.citizen') : t('requests.timeline.you');
  if (entry.actorKind === 'staff') return t('requests.timeline.staff');
  return t('requests.timeline.system');
}

export function RequestTimeline({ history, viewerIsStaff }: { history: readonly HistoryEntry[]; viewerIsStaff: boolean }) {
  const { t } = useTranslation();
  return (
    <ol className="flex flex-col gap-3 border-s-2 border-slate-300 ps-4" data-testid="timeline">
      {history.map((entry, index) => (
        <li key={`${entry.at}-${index}`} className="flex flex-col gap-1" data-testid="timeline-entry" data-kind={entry.kind} data-actor={entry.actorKind}>
          <p className="text-sm text-slate-700">
            <DateText value={entry.at} withTime /> · {who(entry, viewerIsStaff, t)}
          </p>
          {entry.kind === 'status' && entry.toStatus && (
            <p className="font-bold">
              {entry.fromStatus
                ? t('requests.timeline.moved', { to: t(`requests.status.${entry.toStatus}`, { defaultValue: entry.toStatus }) })
                : t('requests.timeline.submitted')}
            </p>
          )}
          {entry.kind === 'escalated' && <p className="font-bold text-amber-900">{t('requests.timeline.escalated')}</p>}
          {entry.kind === 'comment' && <p className="font-bold">{t('requests.timeline.comment')}</p>}
          {entry.body && <p className="whitespace-pre-line rounded-lg bg-slate-50 p-3" data-testid="timeline-body">{entry.body}</p>}
        </li>
      ))}
    </ol>
  );
}
