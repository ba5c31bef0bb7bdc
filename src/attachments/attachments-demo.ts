import { deflateSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { demoDirectory } from '../demo/demo-doors.ts';
import { systemDoor } from '../policy/door.ts';
import type { AttachmentKey } from './attachment-crypto.ts';
import { addAttachment } from './attachments.ts';

/**
 * Demo attachments — never for production: a few small files made here in code (a one-page PDF
 * and a small PNG), attached to demo cases and children in AL and BG by their own workers through
 * the ordinary write path (type read from the content, encrypted with the deployment's key,
 * audited). Seeded only when the deployment's attachment key is given (src/demo/seed-demo.ts).
 */

/** A minimal valid one-page PDF with a line of text (offsets of the cross-reference table computed). */
export function demoPdf(title: string): Buffer {
  const text = title.replace(/[^\x20-\x7e]/g, '?').replace(/([()\\])/g, '\\$1');
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([len, typed, crc]);
}

/** A small valid PNG (RGB, `size`×`size`): a plain square of one colour with a lighter band. */
export function demoPng(size: number, rgb: [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    const light = y > size / 3 && y < (2 * size) / 3;
    for (let x = 0; x < size; x++) row.set(light ? rgb.map((v) => Math.min(255, v + 90)) : rgb, 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0)),
  ]);
}

type DemoFile = { worker: string; child: string; on: 'case' | 'child'; kind: 'consent' | 'court_order' | 'report' | 'photo'; fileName: string; content: Buffer; description: string };

const FILES: DemoFile[] = [
  { worker: 'caseworker', child: 'Noel', on: 'case', kind: 'consent', fileName: 'pelqim-i-nenshkruar.pdf', content: demoPdf('Pelqim i nenshkruar - demo'), description: 'Pëlqimi i nënës për shërbimet (demo)' },
  { worker: 'caseworker', child: 'Drita', on: 'child', kind: 'photo', fileName: 'foto.png', content: demoPng(48, [70, 110, 160]), description: 'Foto (demo)' },
  { worker: 'm.ivanova', child: 'Иван', on: 'case', kind: 'court_order', fileName: 'reshenie-na-sada.pdf', content: demoPdf('Reshenie na sada - demo'), description: 'Решение на съда (демо)' },
  { worker: 'm.ivanova', child: 'Елена', on: 'child', kind: 'report', fileName: 'doklad.pdf', content: demoPdf('Doklad - demo'), description: 'Доклад от училището (демо)' },
];

export async function seedDemoAttachments(db: Kysely<DB>, key: AttachmentKey): Promise<number> {
  const dir = await demoDirectory(db);
  const workers = await db.selectFrom('users').select(['username', 'organisation_id']).execute();
  const unitOf = (username: string) => workers.find((w) => w.username === username)?.organisation_id ?? '';
  let added = 0;
  for (const f of FILES) {
    const owner = await systemDoor(db, 'demo').read(async (tx) => {
      const child = await tx.selectFrom('children').select('id').where('given_name', '=', f.child).where('merged_into', 'is', null).orderBy('created_at').executeTakeFirst();
      if (!child) return null;
      if (f.on === 'child') return child.id;
      // The child's case, or else the oldest case of the worker's unit.
      const k = await tx.selectFrom('cases').select('id').where('child_id', '=', child.id).orderBy('opened_at').executeTakeFirst()
        ?? await tx.selectFrom('cases').select('id').where('unit_id', '=', unitOf(f.worker)).orderBy('opened_at').orderBy('id').executeTakeFirst();
      return k?.id ?? null;
    });
    if (!owner) continue;
    await addAttachment(await dir.door(f.worker), key, {
      fields: { ownerKind: f.on, ownerId: owner, kind: f.kind, description: f.description }, fileName: f.fileName, content: f.content,
    });
    added += 1;
  }
  return added;
}
