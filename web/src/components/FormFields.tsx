// A labelled <select> and <textarea>, wired like TextField: hint and error tied to the control for screen readers.
import { useId, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

function describedBy(hintId?: string, errorId?: string): string | undefined {
  return [hintId, errorId].filter(Boolean).join(' ') || undefined;
}

function Frame({ id, label, hint, error, children, className = '' }: { id: string; label: string; hint?: string; error?: string; children: ReactNode; className?: string }) {
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="font-bold text-slate-900">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm font-bold text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}

const CONTROL = 'min-h-12 w-full rounded-lg border bg-white px-4 text-lg text-slate-900';

export function SelectField({ label, hint, error, className, children, ...select }: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & { label: string; hint?: string; error?: string }) {
  const id = useId();
  return (
    <Frame id={id} label={label} hint={hint} error={error} className={className}>
      <select
        id={id}
        aria-describedby={describedBy(hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined)}
        aria-invalid={error ? true : undefined}
        className={`${CONTROL} ${error ? 'border-red-700' : 'border-slate-400'}`}
        {...select}
      >
        {children}
      </select>
    </Frame>
  );
}

export function TextAreaField({ label, hint, error, className, ...area }: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & { label: string; hint?: string; error?: string }) {
  const id = useId();
  return (
    <Frame id={id} label={label} hint={hint} error={error} className={className}>
      <textarea
        id={id}
        rows={4}
        aria-describedby={describedBy(hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined)}
        aria-invalid={error ? true : undefined}
        className={`${CONTROL} py-3 ${error ? 'border-red-700' : 'border-slate-400'}`}
        {...area}
      />
    </Frame>
  );
}
