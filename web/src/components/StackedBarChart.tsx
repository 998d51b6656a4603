// A stacked bar chart as hand-written SVG (no chart library): one bar per category (a month, a biller), split into
// coloured segments (warnings / orders, ageing buckets). The SVG is a labelled image (role="img" + <title>/<desc>)
// whose description says every figure in words; the legend is HTML so it wraps and reads in the page's direction.
// Bars run in reading order: from the right in Arabic, from the left in English. Each bar carries its total above;
// segments are never told apart by colour alone (the legend names them in order, and the table beside the chart
// has every figure).
import { useId } from 'react';
import { useLanguage } from '../i18n/index.js';

export interface StackSeries {
  key: string;
  label: string;
}

export interface StackCategory {
  label: string;
  /** One value per series, in the order of `series`; negative values are drawn as zero. */
  values: number[];
}

/** Colour-blind-safe (Okabe–Ito), dark enough against white for the thin segments to be seen. */
const COLOURS = ['#0f4c5c', '#e69f00', '#56b4e9', '#009e73', '#cc79a7', '#d55e00', '#0072b2'];

const LINE = 22;

/** A label in at most two lines of about 22 characters, broken at a space; longer ones end with "…". */
function lines(label: string): string[] {
  if (label.length <= LINE) return [label];
  const cut = label.lastIndexOf(' ', LINE);
  const first = label.slice(0, cut > 0 ? cut : LINE);
  const rest = label.slice(first.length).trim();
  return [first, rest.length > LINE ? `${rest.slice(0, LINE - 1)}…` : rest];
}

export function StackedBarChart({ title, description, series, categories, format, testId }: {
  title: string;
  description: string;
  series: StackSeries[];
  categories: StackCategory[];
  /** A value as people read it (with the language's digits and a unit where there is one). */
  format: (value: number) => string;
  testId?: string;
}) {
  const id = useId();
  const { language } = useLanguage();
  const rtl = language === 'ar';
  const totals = categories.map((c) => c.values.reduce((sum, v) => sum + Math.max(0, v), 0));
  const max = Math.max(1, ...totals);
  const long = categories.some((c) => c.label.length > 10);
  const slot = long ? 150 : 96;
  const width = Math.max(420, categories.length * slot);
  const height = 260;
  const top = 24;
  const plot = height - (long ? 52 : 36);
  const barWidth = Math.min(48, slot * 0.55);
  const step = width / Math.max(1, categories.length);
  const scale = (v: number) => (Math.max(0, v) / max) * (plot - top);
  return (
    <figure className="flex min-w-0 flex-col gap-3" data-testid={testId}>
      <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm" aria-label={title}>
        {series.map((s, i) => (
          <li key={s.key} className="flex items-center gap-2">
            <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm" style={{ backgroundColor: COLOURS[i % COLOURS.length] }} />
            {s.label}
          </li>
        ))}
      </ul>
      <div className="overflow-x-auto">
        {/* Drawn at its own size (never scaled up, so the text stays the page's size); narrowed to fit a small screen. */}
        <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} width={width} className="h-auto max-w-full" preserveAspectRatio="xMidYMid meet">
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>{description}</desc>
          <line x1="0" y1={plot + 0.5} x2={width} y2={plot + 0.5} stroke="#64748b" />
          {categories.map((category, i) => {
            const position = rtl ? categories.length - 1 - i : i;
            const x = position * step + (step - barWidth) / 2;
            let y = plot;
            return (
              <g key={`${category.label}-${i}`} aria-hidden="true">
                {category.values.map((value, s) => {
                  const h = scale(value);
                  y -= h;
                  return h > 0 ? <rect key={series[s]?.key ?? s} x={x} y={y} width={barWidth} height={h} fill={COLOURS[s % COLOURS.length]} stroke="#ffffff" strokeWidth="1" /> : null;
                })}
                <text x={x + barWidth / 2} y={plot - scale(totals[i]!) - 6} textAnchor="middle" fontSize="12" fontWeight="700" fill="#1e293b" direction={rtl ? 'rtl' : 'ltr'}>
                  {format(totals[i]!)}
                </text>
                <text x={x + barWidth / 2} y={plot + 20} textAnchor="middle" fontSize="12" fill="#334155" direction={rtl ? 'rtl' : 'ltr'}>
                  {lines(category.label).map((line, n) => (
                    <tspan key={n} x={x + barWidth / 2} dy={n === 0 ? 0 : 16}>{line}</tspan>
                  ))}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption className="sr-only">{title}</figcaption>
    </figure>
  );
}
