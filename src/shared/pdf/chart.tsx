// A small consumption history: one bar per period, the current one highlighted, drawn with react-pdf's Svg
// primitives. Labels are ordinary text under the bars (Svg text would bypass our fonts' shaping repairs). In an
// Arabic document time runs from right to left, so the oldest period is on the right.
import { Rect, Line, Svg, View } from '@react-pdf/renderer';
import { PdfText } from './components.js';
import { formatQuantity } from './format.js';
import { colors, type Layout } from './theme.js';

export interface ChartPoint {
  /** YYYY-MM */
  period: string;
  quantity: number;
}

export interface BarChartProps {
  layout: Layout;
  points: ChartPoint[];
  /** The period to highlight (the bill's own). */
  current?: string;
  width: number;
  height?: number;
  /** Unit shown with the largest value, e.g. "kWh". */
  unit: string;
}

/** The bar heights in points, proportional to quantity; exported for tests. Negative quantities draw nothing. */
export function barHeights(points: ChartPoint[], plotHeight: number): number[] {
  const max = Math.max(0, ...points.map((p) => p.quantity));
  return points.map((p) => (max > 0 && p.quantity > 0 ? Math.max(0.75, (p.quantity / max) * plotHeight) : 0));
}

export function BarChart(props: BarChartProps) {
  const { layout, width, unit } = props;
  const height = props.height ?? 70;
  const ordered = layout.rtl ? [...props.points].reverse() : props.points;
  const slot = ordered.length > 0 ? width / ordered.length : width;
  const barWidth = Math.max(2, slot * 0.62);
  const heights = barHeights(ordered, height - 2);
  const max = Math.max(0, ...props.points.map((p) => p.quantity));
  return (
    <View>
      <PdfText layout={layout} style={{ fontSize: 7, color: colors.muted, marginBottom: 2 }}>
        {`${formatQuantity(max)} ${unit}`}
      </PdfText>
      <Svg width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
        <Line x1={0} y1={height - 0.5} x2={width} y2={height - 0.5} strokeWidth={1} stroke={colors.rule} />
        {ordered.map((point, index) => (
          <Rect
            key={point.period}
            x={index * slot + (slot - barWidth) / 2}
            y={height - 1 - heights[index]!}
            width={barWidth}
            height={heights[index]!}
            fill={point.period === props.current ? colors.barCurrent : colors.bar}
          />
        ))}
      </Svg>
      <View style={{ flexDirection: 'row', width }}>
        {ordered.map((point) => (
          <View key={point.period} style={{ width: slot }}>
            <PdfText layout={layout} align="center" style={{ fontSize: 6, color: point.period === props.current ? colors.ink : colors.muted }}>
              {monthLabel(point.period)}
            </PdfText>
          </View>
        ))}
      </View>
    </View>
  );
}

/** "2026-11" → "11/26": short enough for twelve labels side by side. */
function monthLabel(period: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  return match ? `${match[2]}/${match[1]!.slice(2)}` : period;
}
