import { readFile } from 'node:fs/promises';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';

const gunzipAsync = promisify(gunzip);

/** Reads a text file, gunzipping it when its name ends in `.gz`, and drops a UTF-8 BOM. */
export async function readText(path: string): Promise<string> {
  const raw = await readFile(path);
  const bytes = path.endsWith('.gz') ? await gunzipAsync(raw) : raw;
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export interface DelimitedOptions {
  delimiter: string;
  /**
   * Whether a field that starts with `"` is a quoted field (RFC 4180: `""` is a literal quote,
   * and delimiters and newlines inside are data). Some sources write bare `"` characters as
   * data (double primes in chemical names) and must be read with this off.
   */
  quoted: boolean;
}

/** Splits delimited text into rows of fields. Blank lines are skipped. */
export function parseDelimited(text: string, options: DelimitedOptions): string[][] {
  return options.quoted ? parseQuoted(text, options.delimiter) : parseUnquoted(text, options.delimiter);
}

function parseUnquoted(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (trimmed === '') continue;
    rows.push(trimmed.split(delimiter));
  }
  return rows;
}

function parseQuoted(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  const endRow = () => {
    row.push(field);
    field = '';
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };
  while (i < n) {
    const ch = text[i];
    if (ch === '"' && field === '') {
      // A quoted field: read up to the closing quote, unescaping doubled quotes.
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close < 0) throw new Error('unterminated quoted field');
        field += text.slice(i, close);
        if (text[close + 1] === '"') {
          field += '"';
          i = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      continue;
    }
    if (ch === delimiter) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\n') {
      endRow();
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      endRow();
      i += 2;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** A table with a header row; `get` reads a named column of a row ('' when the row is short). */
export class Table {
  readonly header: string[];
  readonly rows: string[][];
  readonly #index: Map<string, number>;

  constructor(header: string[], rows: string[][], private readonly file: string) {
    this.header = header;
    this.rows = rows;
    this.#index = new Map(header.map((name, i) => [name.trim(), i]));
  }

  /** The position of a column; a missing column means the source changed shape, so it throws. */
  column(name: string): number {
    const index = this.#index.get(name);
    if (index === undefined) throw new Error(`${this.file}: no column "${name}" (has: ${this.header.join(', ')})`);
    return index;
  }

  /** A reader for one column, trimmed. */
  reader(name: string): (row: string[]) => string {
    const index = this.column(name);
    return (row) => (row[index] ?? '').trim();
  }
}

/** Reads a delimited file with a header row. */
export async function readTable(path: string, options: DelimitedOptions): Promise<Table> {
  const rows = parseDelimited(await readText(path), options);
  const header = rows.shift();
  if (!header) throw new Error(`${path}: empty file`);
  return new Table(header, rows, path);
}

/** Splits a multi-valued field, trimming parts and dropping empty ones. */
export function splitList(value: string, separator: string | RegExp): string[] {
  if (value === '') return [];
  return value
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
