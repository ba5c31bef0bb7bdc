import { createHash } from 'node:crypto';
import { CONTROL_IN_PROSE } from '../domain/common-schema.ts';
import { FileProblem } from './issues.ts';

/**
 * Reads an interchange file as a stream: UTF-8 (a byte-order mark is dropped; anything that is
 * not UTF-8 stops the read with the line where it happens), comma-separated (RFC 4180 quoting:
 * "…" with "" for a quote, line breaks allowed inside quotes), one record at a time with the line
 * it starts on. Only the current chunk is held, so a 50 MB file costs no more memory than a small
 * one; the caller keeps only what it validated.
 *
 * Why not csv-parse (which the project has): measured here it reads about 43,000 rows of
 * signals.csv a second, so a million rows would spend 23 s in parsing alone, most of the budget
 * of "a third of the speed of COPY". This tokenizer splits whole lines with indexOf/split and
 * only walks quoted records character by character: about ten times faster on the same rows.
 */
export type CsvRow = { cells: string[]; line: number };

export type CsvReadOptions = {
  /** Called after each chunk with the bytes read so far, for a progress bar. */
  onBytes?: (bytes: number) => void;
};

export type CsvRead = {
  rows: AsyncGenerator<CsvRow>;
  /** The sha256 of the bytes read, complete once `rows` is exhausted. */
  sha256(): string;
  bytes(): number;
};

type Chunks = AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>;

export function readCsv(input: Chunks, options: CsvReadOptions = {}): CsvRead {
  const hash = createHash('sha256');
  let bytes = 0;
  let digest = '';

  async function* rows(): AsyncGenerator<CsvRow> {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const tokenizer = new Tokenizer();
    for await (const raw of input) {
      const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
      hash.update(chunk);
      bytes += chunk.length;
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        const partial = new TextDecoder('utf-8').decode(chunk);
        throw tokenizer.encodingProblem(partial.slice(0, Math.max(0, partial.indexOf('\uFFFD'))));
      }
      options.onBytes?.(bytes);
      yield* checked(tokenizer.push(text, false));
    }
    let tail: string;
    try {
      tail = decoder.decode();
    } catch {
      throw tokenizer.encodingProblem('');
    }
    yield* checked(tokenizer.push(tail, true));
    digest = hash.digest('hex');
  }

  return { rows: rows(), sha256: () => digest, bytes: () => bytes };
}

const ASCII_TEXT = /^[\x20-\x7E]*$/;
/** Cells are NFC text without control characters (tabs and line breaks in quoted values pass). */
function* checked(rows: Iterable<CsvRow>): Generator<CsvRow> {
  for (const row of rows) {
    for (let i = 0; i < row.cells.length; i++) {
      const cell = row.cells[i]!;
      if (ASCII_TEXT.test(cell)) continue;
      if (CONTROL_IN_PROSE.test(cell)) throw new FileProblem(row.line, String(i + 1), 'contains a control character');
      row.cells[i] = cell.normalize('NFC');
    }
    yield row;
  }
}

class Tokenizer {
  private carry = '';
  /** The line the carried text starts on. */
  private line = 1;

  /** Records complete in the text so far; the incomplete rest is carried to the next chunk. */
  *push(chunk: string, final: boolean): Generator<CsvRow> {
    let text = this.carry + chunk;
    if (this.line === 1 && this.carry === '' && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    let pos = 0;
    const n = text.length;
    while (pos < n) {
      const nl = text.indexOf('\n', pos);
      if (nl === -1 && !final) break;
      const end = nl === -1 ? n : nl;
      const lineText = text.charCodeAt(end - 1) === 13 ? text.slice(pos, end - 1) : text.slice(pos, end);
      if (lineText.indexOf('"') === -1) {
        // The common case: a record on one line without quotes.
        const start = this.line;
        this.line += 1;
        pos = end + 1;
        if (lineText !== '') yield { cells: lineText.split(','), line: start };
        continue;
      }
      const rec = this.quoted(text, pos, final);
      if (!rec) break;
      pos = rec.next;
      yield { cells: rec.cells, line: rec.line };
    }
    this.carry = pos < n ? text.slice(pos) : '';
    if (final && this.carry) throw new FileProblem(this.line, '1', 'the file ends in the middle of a record');
  }

  /** One record with quotes, character by character; null when it continues past the text. */
  private quoted(text: string, start: number, final: boolean): { cells: string[]; next: number; line: number } | null {
    const cells: string[] = [];
    const line = this.line;
    let lines = 0;
    let pos = start;
    const n = text.length;
    for (;;) {
      if (text.charCodeAt(pos) === 34) {
        // A quoted value: up to the next quote that is not doubled.
        let value = '';
        let from = pos + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q === -1) {
            if (final) throw new FileProblem(line, String(cells.length + 1), 'a quoted value is never closed (a " is missing)');
            return null;
          }
          value += text.slice(from, q);
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            from = q + 2;
            continue;
          }
          if (q + 1 >= n && !final) return null;
          pos = q + 1;
          break;
        }
        for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) lines += 1;
        cells.push(value);
        const c = text.charCodeAt(pos);
        if (c === 44) {
          pos += 1;
          continue;
        }
        if (c === 13 && text.charCodeAt(pos + 1) === 10) pos += 1;
        if (c === 13 || c === 10 || pos >= n) {
          if (c === 13 && pos + 1 >= n && !final) return null;
          this.line += 1 + lines;
          return { cells, next: pos + 1, line };
        }
        throw new FileProblem(line + lines, String(cells.length), 'a quote is followed by other characters; double a " inside a quoted value');
      }
      // An unquoted value: up to the next comma or line end; a quote inside it is an error.
      let stop = pos;
      while (stop < n) {
        const c = text.charCodeAt(stop);
        if (c === 44 || c === 10) break;
        if (c === 34) throw new FileProblem(line + lines, String(cells.length + 1), 'a " inside an unquoted value; quote the whole value and double the "');
        stop += 1;
      }
      if (stop >= n && !final) return null;
      const value = text.slice(pos, stop);
      if (text.charCodeAt(stop) === 44) {
        cells.push(value);
        pos = stop + 1;
        continue;
      }
      cells.push(value.endsWith('\r') ? value.slice(0, -1) : value);
      this.line += 1 + lines;
      return { cells, next: stop + 1, line };
    }
  }

  /** Where a bad byte sits: its line, and its field counted by the commas before it on that line. */
  encodingProblem(before: string): FileProblem {
    const text = this.carry + before;
    let line = this.line;
    let last = -1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      line += 1;
      last = i;
    }
    const field = text.slice(last + 1).split(',').length;
    return new FileProblem(line, String(field), 'the file is not UTF-8 text (save it as CSV UTF-8)');
  }
}
