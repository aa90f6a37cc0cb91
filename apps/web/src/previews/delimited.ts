/**
 * CSV and TSV as RFC 4180 has them (quoted fields with `""` for a quote, line breaks inside
 * quotes), for a preview table: the first rows, and how many rows the text holds.
 */
export interface TablePart {
  rows: string[][];
  /** Every record in the text read, the first `rows` of them kept. */
  totalRows: number;
}

export function parseDelimited(
  text: string,
  delimiter: string,
  keepRows: number,
  complete: boolean,
): TablePart {
  const rows: string[][] = [];
  let totalRows = 0;
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let index = 0;
  const endRow = (): void => {
    row.push(field);
    field = '';
    // A blank line is no record (a file's final newline makes one).
    if (row.length > 1 || row[0] !== '') {
      totalRows += 1;
      if (rows.length < keepRows) rows.push(row);
    }
    row = [];
  };
  while (index < text.length) {
    const char = text[index] ?? '';
    index += 1;
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[index] === '"') {
        field += '"';
        index += 1;
      } else quoted = false;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === delimiter) {
      row.push(field);
      field = '';
    } else if (char === '\n') endRow();
    else if (char !== '\r') field += char;
  }
  // The last record of a file cut short is likely cut too: only a whole file keeps it.
  if (complete && (field !== '' || row.length > 0)) endRow();
  return { rows, totalRows };
}
