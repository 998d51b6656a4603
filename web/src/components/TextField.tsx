// A labelled input with its hint and its error tied to it for screen readers (aria-describedby, aria-invalid).
import { useId, type InputHTMLAttributes } from 'react';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  hint?: string;
  error?: string;
}

export function TextField({ label, hint, error, className = '', ...input }: TextFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="font-bold text-slate-900">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      )}
      <input
        id={id}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        aria-invalid={error ? true : undefined}
        className={`min-h-12 w-full rounded-lg border bg-white px-4 text-lg text-slate-900 placeholder:text-slate-500 ${error ? 'border-red-700' : 'border-slate-400'}`}
        {...input}
      />
      {error && (
        <p id={errorId} role="alert" className="text-sm font-bold text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
