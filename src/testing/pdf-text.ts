import { inflateSync } from 'node:zlib';

/**
 * The text a PDF made by pdfkit shows, one line per text operation, for tests: streams inflated,
 * each font's glyph codes mapped back to characters through its ToUnicode map. Enough for
 * pdfkit's own output (Identity-H fonts, TJ arrays of hex strings); not a general PDF reader.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const objects = new Map<string, { dict: string; stream: string | null }>();
  for (const m of raw.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const at = body.indexOf('stream\n');
    if (at < 0) { objects.set(m[1]!, { dict: body, stream: null }); continue; }
    const dict = body.slice(0, at);
    let data = body.slice(at + 'stream\n'.length, body.lastIndexOf('\nendstream'));
    if (dict.includes('/FlateDecode')) data = inflateSync(Buffer.from(data, 'latin1')).toString('latin1');
    objects.set(m[1]!, { dict, stream: data });
  }
  // Font resource names (F1, F2…) are unique in a pdfkit document: name → glyph code → text.
  const cmaps = new Map<string, Map<number, string>>();
  for (const { dict } of objects.values()) {
    for (const f of dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const font = objects.get(f[2]!);
      const ref = font?.dict.match(/\/ToUnicode (\d+) 0 R/);
      const cmap = ref ? objects.get(ref[1]!)?.stream : null;
      if (cmap) cmaps.set(f[1]!, parseCmap(cmap));
    }
  }
  const lines: string[] = [];
  for (const { stream } of objects.values()) {
    if (!stream || !stream.includes(' Tf')) continue;
    let font: Map<number, string> | undefined;
    for (const op of stream.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
      if (op[1]) { font = cmaps.get(op[1]); continue; }
      const hex = [...op[2]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!).join('');
      let line = '';
      for (let i = 0; i + 4 <= hex.length; i += 4) line += font?.get(parseInt(hex.slice(i, i + 4), 16)) ?? '';
      lines.push(line);
    }
  }
  return lines.join('\n');
}

function utf16(hex: string): string {
  const units: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
}

function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const r of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const from = parseInt(r[1]!, 16);
      const to = parseInt(r[2]!, 16);
      // A ligature maps to several characters, written with a space inside: <0066 0069>.
      if (r[3]!.startsWith('[')) [...r[3]!.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((u, i) => map.set(from + i, utf16(u[1]!.replace(/\s/g, ''))));
      else for (let c = from; c <= to; c++) map.set(c, String.fromCodePoint(parseInt(r[3]!.slice(1, -1), 16) + c - from));
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const r of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) map.set(parseInt(r[1]!, 16), utf16(r[2]!.replace(/\s/g, '')));
  }
  return map;
}
