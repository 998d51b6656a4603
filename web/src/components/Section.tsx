// A titled card: the building block of the dashboard and the staff pages. The heading level is chosen by the page
// so the outline stays h1 → h2 → h3 for screen readers.
import { useId, type ReactNode } from 'react';

export function Section({ title, children, actions, level = 2, className = '', testId }: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  level?: 2 | 3;
  className?: string;
  testId?: string;
}) {
  const id = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={id} data-testid={testId} className={`flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6 ${className}`}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Heading id={id} className="text-xl font-bold text-slate-900">
          {title}
        </Heading>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** A status shown as words on a tinted background (never by colour alone). */
export function Badge({ tone = 'neutral', children }: { tone?: 'neutral' | 'good' | 'warn' | 'bad'; children: ReactNode }) {
  const tones = {
    neutral: 'bg-slate-100 text-slate-800',
    good: 'bg-emerald-50 text-emerald-900 ring-emerald-700/30',
    warn: 'bg-amber-50 text-amber-900 ring-amber-700/30',
    bad: 'bg-red-50 text-red-900 ring-red-700/30',
  } as const;
  return <span className={`inline-flex items-center rounded-full px-3 py-0.5 text-sm font-bold ring-1 ring-slate-300 ${tones[tone]}`}>{children}</span>;
}
