// A bar chart as SVG that a screen reader can read: the SVG is a labelled image (role="img" + <title>/<desc>) and
// the same figures follow in a table for anyone who wants the numbers. Bars are laid out in reading order: from the
// right in Arabic, from the left in English. Each bar carries its value; short labels (periods) go under the bars,
// long ones (biller names) only in the table.
import { useId } from 'react';
import { useLanguage } from '../i18n/index.js';

export interface Bar {
  /** Shown under the bar (a month, a channel). */
  label: string;
  /** The bar's length: a plain number (kWh, fils). */
  value: number;
  /** The value as people read it ("12.500 د.ك"). */
  display: string;
  /** The value written on the bar, short ("255.000", "1,240"); the display text when left out. */
  short?: string;
  /** Drawn hatched, e.g. an estimated reading. */
  muted?: boolean;
}

export function BarChart({ title, description, bars, valueHeading, labelHeading, testId }: {
  title: string;
  description: string;
  bars: Bar[];
  labelHeading: string;
  valueHeading: string;
  testId?: string;
}) {
  const id = useId();
  const { language } = useLanguage();
  const rtl = language === 'ar';
  const max = Math.max(1, ...bars.map((b) => b.value));
  const width = Math.max(320, bars.length * 64);
  const shortLabels = bars.every((b) => b.label.length <= 10);
  const height = shortLabels ? 220 : 196;
  const plot = height - (shortLabels ? 28 : 4);
  const slot = width / Math.max(1, bars.length);
  const barWidth = Math.min(40, slot * 0.6);
  return (
    <figure className="flex min-w-0 flex-col gap-3" data-testid={testId}>
      <div className="overflow-x-auto">
        <svg
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          viewBox={`0 0 ${width} ${height}`}
          className="h-auto w-full"
          preserveAspectRatio="xMidYMid meet"
        >
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>{description}</desc>
          <defs>
            <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" fill="#d3eaee" />
              <line x1="0" y1="0" x2="0" y2="6" stroke="#19697d" strokeWidth="3" />
            </pattern>
          </defs>
          <line x1="0" y1={plot + 0.5} x2={width} y2={plot + 0.5} stroke="#64748b" />
          {bars.map((bar, i) => {
            const h = Math.round((bar.value / max) * (plot - 28));
            const position = rtl ? bars.length - 1 - i : i;
            const x = position * slot + (slot - barWidth) / 2;
            return (
              <g key={`${bar.label}-${i}`} aria-hidden="true">
                <rect x={x} y={plot - h} width={barWidth} height={h} rx="3" fill={bar.muted ? `url(#${id}-hatch)` : '#0f4c5c'} />
                <text x={x + barWidth / 2} y={plot - h - 6} textAnchor="middle" fontSize="11" fill="#1e293b" direction={rtl ? 'rtl' : 'ltr'}>
                  {bar.short ?? bar.display}
                </text>
                {shortLabels && (
                  <text x={x + barWidth / 2} y={plot + 18} textAnchor="middle" fontSize="11" fill="#334155">
                    {bar.label}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption className="sr-only">{title}</figcaption>
      <table className="w-full text-start text-sm">
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="py-1 text-start">
              {labelHeading}
            </th>
            <th scope="col" className="py-1 text-end">
              {valueHeading}
            </th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar, i) => (
            <tr key={`${bar.label}-${i}`} className="border-b border-slate-100">
              <th scope="row" className="py-1 text-start font-normal">
                {bar.label}
              </th>
              <td className="tabular py-1 text-end">
                <bdi>{bar.display}</bdi>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
