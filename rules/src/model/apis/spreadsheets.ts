/**
 * Spreadsheets and CSV: the libraries that turn rows into a workbook or CSV text and write it to a
 * file or a stream (SheetJS, ExcelJS, csv-writer, fast-csv, Papa Parse), which argument holds the
 * rows and which names the file. Read by every rule that sees rows leave as a sheet or a CSV file.
 */
import { CALL } from '../imports';
import type { PathWriter } from './file-system';

/** SheetJS: the `xlsx` package. */
export const SHEETJS_MODULE = 'xlsx';

/**
 * SheetJS writers of a workbook to a file: `XLSX.writeFile(workbook, filename)`, `writeFileXLSX`,
 * `writeFileSync` (SheetJS docs, "Writing Files"); synchronous, the workbook first.
 */
export const SHEETJS_FILE_WRITERS: ReadonlyMap<string, { book: number; path: number }> = new Map(
  ['writeFile', 'writeFileXLSX', 'writeFileSync'].map((name) => [name, { book: 0, path: 1 }]),
);

/**
 * SheetJS `utils` that put rows into a worksheet, by the index of the rows: `json_to_sheet(rows)`,
 * `aoa_to_sheet(rows)`, `sheet_add_json(ws, rows)`, `sheet_add_aoa(ws, rows)` (SheetJS docs,
 * "Utility Functions").
 */
export const SHEETJS_SHEET_WRITES: ReadonlyMap<string, number> = new Map([
  ['json_to_sheet', 0],
  ['aoa_to_sheet', 0],
  ['sheet_add_json', 1],
  ['sheet_add_aoa', 1],
]);

/**
 * SheetJS workbook assembly: `utils.book_append_sheet(workbook, sheet, name)` adds the sheet in
 * argument 1; `utils.book_new(sheet?, name?)` starts a workbook with the sheets it is given.
 */
export const SHEETJS_BOOK = {
  append: 'book_append_sheet',
  appended: 1,
  create: 'book_new',
} as const;

/** ExcelJS: the `exceljs` package. */
export const EXCELJS_MODULE = 'exceljs';

/**
 * ExcelJS workbook members that write the workbook: `workbook.xlsx.writeFile(path)`,
 * `workbook.xlsx.write(stream)` and the same under `workbook.csv` (ExcelJS README, "Writing XLSX",
 * "Writing CSV").
 */
export const EXCELJS_FORMATS: ReadonlySet<string> = new Set(['xlsx', 'csv']);
export const EXCELJS_WRITERS: ReadonlySet<string> = new Set(['writeFile', 'write']);

/** ExcelJS workbook methods that give a worksheet: `addWorksheet(name)`, `getWorksheet(name)`. */
export const EXCELJS_SHEETS: ReadonlySet<string> = new Set(['addWorksheet', 'getWorksheet']);

/**
 * ExcelJS worksheet methods that put rows or values into the sheet, every argument of which is
 * content: `addRow`, `addRows`, `insertRow`, `insertRows`, `spliceRows`, `addTable({ rows })`.
 */
export const EXCELJS_ROW_WRITES: ReadonlySet<string> = new Set([
  'addRow',
  'addRows',
  'insertRow',
  'insertRows',
  'spliceRows',
  'addTable',
]);

/** ExcelJS worksheet methods that give a cell, row or column whose `value` may be assigned. */
export const EXCELJS_CELLS: ReadonlySet<string> = new Set([
  'getCell',
  'getRow',
  'getColumn',
  'findCell',
]);

/**
 * csv-writer: `createObjectCsvWriter({ path, header })` and `createArrayCsvWriter` make a writer
 * whose `writeRecords(records)` writes the records to the file at `path` (csv-writer README).
 */
export const CSV_WRITER = {
  module: 'csv-writer',
  factories: new Set(['createObjectCsvWriter', 'createArrayCsvWriter']) as ReadonlySet<string>,
  pathOption: 'path',
  write: 'writeRecords',
} as const;

/**
 * fast-csv writers of rows to a file named by a path: `writeToPath(path, rows, options)` (fast-csv
 * docs, "Formatting: writeToPath").
 */
export const ROW_PATH_WRITERS: ReadonlyMap<string, PathWriter> = new Map([
  ['writeToPath', { path: 0, data: 1 }],
]);

/** fast-csv `writeToStream(stream, rows, options)`: rows written to a stream (fast-csv docs). */
export const ROW_STREAM_WRITERS: ReadonlyMap<string, number> = new Map([['writeToStream', 1]]);

/** Papa Parse `Papa.unparse(rows)`: CSV text made from rows (Papa Parse docs, "Unparse"). */
export const CSV_TEXT_WRITERS: ReadonlyMap<string, number> = new Map([['unparse', 0]]);

/**
 * Names of the calls that take rows into a sheet, a CSV file or CSV text, distinctive enough to be
 * recognised without their import (by rules that follow rows to wherever they leave).
 */
export const ROW_SINK_NAMES: ReadonlySet<string> = new Set([
  ...SHEETJS_SHEET_WRITES.keys(),
  ...EXCELJS_ROW_WRITES,
  CSV_WRITER.write,
  ...ROW_PATH_WRITERS.keys(),
  ...ROW_STREAM_WRITERS.keys(),
  ...CSV_TEXT_WRITERS.keys(),
]);

/** A csv-writer factory, by its export path (a leading `default` dropped). */
export function isCsvWriterFactory(module: string, path: readonly string[]): boolean {
  return module === CSV_WRITER.module && path.length === 1 && CSV_WRITER.factories.has(path[0]!);
}

/** `writeRecords` on a writer a csv-writer factory made: it writes its argument 0. */
export function isCsvWriterWrite(module: string, path: readonly string[]): boolean {
  return (
    module === CSV_WRITER.module &&
    path.length === 3 &&
    CSV_WRITER.factories.has(path[0]!) &&
    path[1] === CALL &&
    path[2] === CSV_WRITER.write
  );
}

/** A SheetJS writer of a workbook to a file, by its export path. */
export function sheetjsFileWriter(
  module: string,
  path: readonly string[],
): { book: number; path: number } | undefined {
  return module === SHEETJS_MODULE && path.length === 1
    ? SHEETJS_FILE_WRITERS.get(path[0]!)
    : undefined;
}

/** An ExcelJS workbook write (`wb.xlsx.writeFile(path)`, `wb.csv.write(stream)`), by its export path. */
export function isExceljsWrite(module: string, path: readonly string[]): boolean {
  const last = path[path.length - 1] ?? '';
  return (
    module === EXCELJS_MODULE &&
    EXCELJS_WRITERS.has(last) &&
    path.some((part) => EXCELJS_FORMATS.has(part))
  );
}
