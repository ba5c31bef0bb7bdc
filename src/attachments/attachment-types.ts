import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { InputError } from '../errors.ts';

/**
 * What may be attached, told from the content (magic numbers, file-type), never from the name or
 * the browser: PDF, images and office documents. The name's extension must agree with what the
 * content is, so a file cannot pass as another kind ("consent.pdf" that is a program is refused).
 */
const ALLOWED: Record<string, { extensions: string[]; preview: boolean }> = {
  'application/pdf': { extensions: ['pdf'], preview: true },
  'image/jpeg': { extensions: ['jpg', 'jpeg'], preview: true },
  'image/png': { extensions: ['png'], preview: true },
  'image/webp': { extensions: ['webp'], preview: true },
  'image/heic': { extensions: ['heic'], preview: false },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { extensions: ['docx'], preview: false },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { extensions: ['xlsx'], preview: false },
  'application/vnd.oasis.opendocument.text': { extensions: ['odt'], preview: false },
  'application/vnd.oasis.opendocument.spreadsheet': { extensions: ['ods'], preview: false },
  // Word 97–2003 and Excel 97–2003: one container format (CFB) for both.
  'application/x-cfb': { extensions: ['doc', 'xls'], preview: false },
};

export const ALLOWED_EXTENSIONS = [...new Set(Object.values(ALLOWED).flatMap((a) => a.extensions))].sort();

/** The media type a stored file is served with (CFB files by their name's extension). */
export function servedType(mediaType: string, fileName: string): string {
  if (mediaType !== 'application/x-cfb') return mediaType;
  return extensionOf(fileName) === 'xls' ? 'application/vnd.ms-excel' : 'application/msword';
}

export function canPreview(mediaType: string): boolean {
  return ALLOWED[mediaType]?.preview ?? false;
}

function extensionOf(name: string): string {
  return path.extname(name).slice(1).toLowerCase();
}

/** A file name as stored and offered for download: its last path part, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (clean.length > 200) {
    const ext = path.extname(clean);
    return `${clean.slice(0, 200 - ext.length)}${ext}`;
  }
  return clean;
}

/** The content's media type, or a 400 naming the `file` field: empty, of a type not allowed, or not what its name says. */
export async function checkContent(content: Buffer, fileName: string): Promise<string> {
  if (content.length === 0) throw new InputError('The file is empty', [{ path: 'file', message: 'is empty', code: 'attachments.problem.empty' }]);
  const detected = await fileTypeFromBuffer(content);
  const allowed = detected ? ALLOWED[detected.mime] : undefined;
  if (!detected || !allowed) {
    throw new InputError(`Only PDF, images (JPEG, PNG, WebP, HEIC) and office documents (${ALLOWED_EXTENSIONS.join(', ')}) can be attached`, [
      { path: 'file', message: 'is not a PDF, an image or an office document', code: 'attachments.problem.notAllowed' },
    ]);
  }
  if (!allowed.extensions.includes(extensionOf(fileName))) {
    const named = extensionOf(fileName) || '—';
    throw new InputError(`The file's content is .${detected.ext}, not what its name says`, [
      { path: 'file', message: `its content is .${detected.ext}, not .${named}`, code: 'attachments.problem.typeMismatch', params: { actual: detected.ext, named } },
    ]);
  }
  return detected.mime;
}
