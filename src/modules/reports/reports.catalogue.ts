// The analytical reports the API offers, by the name in their URL (/api/v1/reports/<name>). Adding a report is one
// entry here: its builder returns a ReportTable, and the JSON, CSV and XLSX exports and the route follow.
import { collectionsBreakdown, debtAgeing, issuedVsCollected, requestsByTypeAndLateness } from './analytics.service.js';
import { disconnectionsReport } from './disconnections.report.js';

export const REPORTS = {
  'collections-breakdown': {
    summary: 'Collections by day, channel, biller, office and bank (choose with `by`) over a range of business days',
    build: collectionsBreakdown,
  },
  'debt-ageing': {
    summary: 'What is owed today by biller and category: not yet due, 0–30, 31–60, 61–90 and over 90 days past due',
    build: debtAgeing,
  },
  'issued-vs-collected': {
    summary: 'Payables issued per month by biller and kind, and what has been collected on them',
    build: issuedVsCollected,
  },
  requests: {
    summary: 'Service requests submitted in the range by type and office: where they stand and how many were late',
    build: requestsByTypeAndLateness,
  },
  disconnections: {
    summary: 'Disconnection warnings, disconnection and reconnection orders by month and biller, with the debt, the fees and the orders late',
    build: disconnectionsReport,
  },
} as const;

export type ReportName = keyof typeof REPORTS;
export const REPORT_NAMES = Object.keys(REPORTS) as ReportName[];
