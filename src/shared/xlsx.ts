// A minimal XLSX (Office Open XML SpreadsheetML, ECMA-376) writer: one workbook of a few sheets, text as inline
// strings, numbers as numbers with a format of the right number of decimals (3 for KWD, 2 for SAR), a bold header
// row. Inline strings are never evaluated, so text cannot turn into a formula here (unlike CSV).
import { zip } from './zip.js';

/** A cell: text, a whole number, or a decimal given as its exact text ("12.500") and its decimals. */
export type XlsxCell = string | number | { decimal: string; decimals: number } | null;

export interface XlsxSheet {
  name: string;
  /** The first row is the header (bold). */
  rows: readonly (readonly XlsxCell[])[];
  rightToLeft?: boolean;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Number formats #,##0 … #,##0.0000 as custom ids 164 … 168 (ids below 164 are built in). */
const MAX_DECIMALS = 4;
const HEADER_STYLE = 1;
const decimalStyle = (decimals: number) => 2 + Math.min(Math.max(decimals, 0), MAX_DECIMALS);

export function xlsx(sheets: readonly XlsxSheet[]): Buffer {
  if (sheets.length === 0) throw new Error('a workbook needs at least one sheet');
  const names = sheets.map((s, i) => sheetName(s.name, i));
  const overrides = sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
  return zip([
    {
      name: '[Content_Types].xml',
      data: `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
        + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        + '<Default Extension="xml" ContentType="application/xml"/>'
        + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        + `${overrides}</Types>`,
    },
    {
      name: '_rels/.rels',
      data: `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>`
        + names.map((name, i) => `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')
        + '</sheets></workbook>',
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">`
        + sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')
        + `<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    },
    { name: 'xl/styles.xml', data: stylesXml() },
    ...sheets.map((sheet, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: sheetXml(sheet) })),
  ]);
}

function stylesXml(): string {
  const decimals = Array.from({ length: MAX_DECIMALS + 1 }, (_, d) => d);
  const formats = decimals.map((d) => `<numFmt numFmtId="${164 + d}" formatCode="#,##0${d > 0 ? `.${'0'.repeat(d)}` : ''}"/>`).join('');
  const numberXfs = decimals.map((d) => `<xf numFmtId="${164 + d}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`).join('');
  return `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">`
    + `<numFmts count="${decimals.length}">${formats}</numFmts>`
    + '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    + '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    + `<cellXfs count="${2 + decimals.length}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`
    + `<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>${numberXfs}</cellXfs>`
    + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
}

function sheetXml(sheet: XlsxSheet): string {
  const rows = sheet.rows.map((row, r) => {
    const cells = row.map((cell, c) => cellXml(cell, `${columnName(c)}${r + 1}`, r === 0)).join('');
    return `<row r="${r + 1}">${cells}</row>`;
  }).join('');
  const width = Math.max(1, ...sheet.rows.map((row) => row.length));
  const dimension = `A1:${columnName(width - 1)}${Math.max(1, sheet.rows.length)}`;
  return `${XML_HEAD}<worksheet xmlns="${MAIN_NS}"><dimension ref="${dimension}"/>`
    + `<sheetViews><sheetView workbookViewId="0"${sheet.rightToLeft ? ' rightToLeft="1"' : ''}><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`
    + `<sheetData>${rows}</sheetData></worksheet>`;
}

function cellXml(cell: XlsxCell, ref: string, header: boolean): string {
  if (cell === null) return '';
  const style = header ? ` s="${HEADER_STYLE}"` : '';
  if (typeof cell === 'string') return `<c r="${ref}" t="inlineStr"${style}><is><t xml:space="preserve">${escapeXml(cell)}</t></is></c>`;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return '';
    return `<c r="${ref}"${header ? style : ` s="${decimalStyle(0)}"`}><v>${cell}</v></c>`;
  }
  // The decimal's own text goes into <v> (a number lexically): no float formatting of ours can change its digits.
  if (!/^-?\d+(\.\d+)?$/.test(cell.decimal)) throw new Error(`not a decimal number: ${cell.decimal}`);
  return `<c r="${ref}" s="${decimalStyle(cell.decimals)}"><v>${cell.decimal}</v></c>`;
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Excel's rules for a sheet name: 1–31 characters, none of : \ / ? * [ ] (callers give distinct names). */
function sheetName(name: string, index: number): string {
  const cleaned = name.replace(/[:\\/?*[\]]/g, ' ').trim().slice(0, 31);
  return cleaned === '' ? `Sheet${index + 1}` : cleaned;
}

/** Escapes markup, and drops characters XML 1.0 cannot carry at all (control characters other than tab, LF and CR). */
function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    // A reader turns a literal CR into LF (XML end-of-line handling); a character reference keeps it.
    .replace(/\r/g, '&#13;');
}
