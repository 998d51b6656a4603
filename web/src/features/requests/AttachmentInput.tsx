// One attachment slot of a request type: a file box that takes only the slot's file types, and a chosen file
// checked against the slot's limits (type, size) before anything is read or uploaded.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format.js';
import { useLanguage } from '../../i18n/index.js';
import { attachmentProblem, sizeLimit, type AttachmentSpec } from './requests.api.js';

const TYPE_NAMES: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

export function AttachmentInput({ spec, file, missing, onChange }: { spec: AttachmentSpec; file: File | null; missing: boolean; onChange: (file: File | null) => void }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const id = useId();
  const [refused, setRefused] = useState<string | null>(null);
  const limit = sizeLimit(spec.maxBytes);
  const hint = t('requests.attachments.hint', {
    types: spec.contentTypes.map((type) => TYPE_NAMES[type] ?? type).join(language === 'ar' ? '، ' : ', '),
    size: formatNumber(limit.value, language), unit: t(`requests.attachments.units.${limit.unit}`),
  });
  const problemOf = (chosen: File): string | null => {
    const problem = attachmentProblem(spec, chosen);
    return problem ? t(`requests.attachments.problems.${problem}`) : null;
  };
  const error = refused ?? (missing ? t('requests.attachments.missing') : undefined);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-bold text-slate-900">{language === 'ar' ? spec.labelAr : spec.labelEn}</label>
      <p id={`${id}-hint`} className="text-sm text-slate-600">{hint}</p>
      <input
        id={id}
        type="file"
        name={`attachment-${spec.name}`}
        accept={spec.contentTypes.join(',')}
        aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        className="min-h-12 w-full rounded-lg border border-slate-400 bg-white p-2 text-slate-900"
        onChange={(e) => {
          const chosen = e.target.files?.[0] ?? null;
          const problem = chosen ? problemOf(chosen) : null;
          // A refused file is taken out of the box, so what stays chosen is always something the server will take.
          if (problem) e.target.value = '';
          setRefused(problem);
          onChange(problem ? null : chosen);
        }}
      />
      {file && <p className="text-sm text-slate-700" data-testid="attachment-chosen"><bdi>{file.name}</bdi></p>}
      {error && <p id={`${id}-error`} role="alert" className="text-sm font-bold text-red-800">{error}</p>}
    </div>
  );
}
