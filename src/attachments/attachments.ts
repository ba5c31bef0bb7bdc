import { createHash } from 'node:crypto';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { iso } from '../domain/dates.ts';
import type { Door, Tx } from '../policy/door.ts';
import { type AttachmentKey, open, seal } from './attachment-crypto.ts';
import { type Owner, findOwner } from './attachment-owners.ts';
import type { AttachmentFields, AttachmentOwnerQuery, AttachmentView, OwnerKind } from './attachment-schema.ts';
import { canPreview, checkContent, cleanFileName, servedType } from './attachment-types.ts';
import { InputError } from '../errors.ts';

/**
 * Files on a child, a case, a referral, a meeting or a contact: every upload, download, list and
 * removal through the Door, in the reach of the record the file belongs to (attachment-owners.ts),
 * audited (entity `attachment`; the detail names the kind and size, never the file's name). The
 * content is checked (attachment-types.ts) and stored encrypted (attachment-crypto.ts).
 */
const aad = (country: string, id: string) => `${country}/${id}`;

function metaQuery(tx: Tx) {
  return tx
    .selectFrom('attachments as a')
    .leftJoin('users as u', 'u.id', 'a.uploaded_by')
    .leftJoin('organisations as o', 'o.id', 'a.uploader_org_id')
    .selectAll('a')
    .select(['u.display_name as uploaded_by_name', 'o.name as uploader_org_name']);
}
type MetaRow = Awaited<ReturnType<ReturnType<typeof metaQuery>['executeTakeFirstOrThrow']>>;

function canRemove(door: Door, owner: Owner, row: MetaRow): boolean {
  if (row.removed_at) return false;
  const actor = door.actor;
  return owner.supervises || (actor.kind === 'user' && row.uploaded_by === actor.userId);
}

function view(door: Door, owner: Owner, row: MetaRow): AttachmentView {
  return {
    id: row.id,
    ownerKind: row.owner_kind as OwnerKind,
    ownerId: row.owner_id,
    kind: row.kind as AttachmentView['kind'],
    fileName: row.file_name,
    mediaType: servedType(row.media_type, row.file_name),
    sizeBytes: row.size_bytes,
    description: row.description,
    uploadedAt: iso(row.uploaded_at),
    uploadedByName: row.uploaded_by_name ?? null,
    uploaderOrgName: row.uploader_org_name ?? null,
    previewable: !row.removed_at && canPreview(row.media_type),
    removedAt: row.removed_at ? iso(row.removed_at) : null,
    removedReason: row.removed_reason,
    canRemove: canRemove(door, owner, row),
  };
}

async function ownerOrDenied(door: Door, tx: Tx, kind: OwnerKind, id: string): Promise<Owner | null> {
  return findOwner(door, tx, kind, id);
}

export async function listAttachments(door: Door, q: AttachmentOwnerQuery): Promise<AttachmentView[]> {
  const out = await door.read(async (tx, audit) => {
    const owner = await ownerOrDenied(door, tx, q.ownerKind, q.ownerId);
    if (!owner) return null;
    const rows = await metaQuery(tx)
      .where('a.country', '=', owner.country).where('a.owner_kind', '=', q.ownerKind).where('a.owner_id', '=', q.ownerId)
      .orderBy('a.uploaded_at', 'desc').orderBy('a.id').execute();
    const visible = rows.filter((r) => owner.sees(r.uploader_org_id));
    await audit([{ chain: owner.country, action: 'read', entity: 'attachment_list', entityId: q.ownerId, childId: owner.childId, reason: owner.reason, outcome: 'ok', detail: { ownerKind: q.ownerKind, count: visible.length } }]);
    return visible.map((r) => view(door, owner, r));
  });
  if (!out) {
    await door.auditAlone([{ action: 'read', entity: 'attachment_list', entityId: q.ownerId, outcome: 'denied', detail: { ownerKind: q.ownerKind } }]);
    throw new NotFoundError(q.ownerKind);
  }
  return out;
}

export type Upload = { fields: AttachmentFields; fileName: string; content: Buffer };

export async function addAttachment(door: Door, key: AttachmentKey, upload: Upload): Promise<AttachmentView> {
  const { fields, content } = upload;
  const fileName = cleanFileName(upload.fileName);
  if (!fileName) throw new InputError('The file has no name', [{ path: 'file', message: 'has no name' }]);
  // The content is checked before anything is read or written: a bad file changes nothing.
  const mediaType = await checkContent(content, fileName);
  const actor = door.actor;
  const out = await door.transaction(async (tx, audit) => {
    const owner = await ownerOrDenied(door, tx, fields.ownerKind, fields.ownerId);
    if (!owner) return null;
    const row = await tx
      .insertInto('attachments')
      .values({
        country: owner.country,
        owner_kind: fields.ownerKind,
        owner_id: fields.ownerId,
        child_id: owner.childId,
        kind: fields.kind,
        file_name: fileName,
        media_type: mediaType,
        size_bytes: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        description: fields.description ?? null,
        uploaded_by: actor.kind === 'user' ? actor.userId : null,
        uploader_org_id: actor.kind === 'user' ? actor.organisationId : null,
      })
      .returning(['id', 'country'])
      .executeTakeFirstOrThrow();
    const sealed = seal(key, content, aad(row.country, row.id));
    await tx.insertInto('attachment_contents').values({ country: row.country, attachment_id: row.id, key_id: sealed.keyId, iv: sealed.iv, tag: sealed.tag, ciphertext: sealed.ciphertext }).execute();
    await audit([{ chain: owner.country, action: 'create', entity: 'attachment', entityId: row.id, childId: owner.childId, reason: owner.reason, outcome: 'ok', detail: { ownerKind: fields.ownerKind, ownerId: fields.ownerId, kind: fields.kind, mediaType, sizeBytes: content.length } }]);
    return view(door, owner, await metaQuery(tx).where('a.country', '=', row.country).where('a.id', '=', row.id).executeTakeFirstOrThrow());
  });
  if (!out) {
    await door.auditAlone([{ action: 'create', entity: 'attachment', entityId: null, outcome: 'denied', detail: { ownerKind: fields.ownerKind, ownerId: fields.ownerId } }]);
    throw new NotFoundError(fields.ownerKind);
  }
  return out;
}

/** The attachment row and its record's reach, or null (absent, out of reach, or not shared with the reader's organisation). */
async function reachable(door: Door, tx: Tx, id: string): Promise<{ row: MetaRow; owner: Owner } | null> {
  const row = await metaQuery(tx).where('a.id', '=', id).executeTakeFirst();
  if (!row) return null;
  const owner = await findOwner(door, tx, row.owner_kind as OwnerKind, row.owner_id);
  if (!owner || !owner.sees(row.uploader_org_id)) return null;
  return { row, owner };
}

export type AttachmentContent = { fileName: string; mediaType: string; content: Buffer; previewable: boolean };

export async function attachmentContent(door: Door, key: AttachmentKey, id: string, inline: boolean): Promise<AttachmentContent> {
  const out = await door.read(async (tx, audit) => {
    const found = await reachable(door, tx, id);
    if (!found || found.row.removed_at) return null;
    const { row, owner } = found;
    const stored = await tx.selectFrom('attachment_contents').selectAll().where('country', '=', row.country).where('attachment_id', '=', row.id).executeTakeFirstOrThrow();
    const content = open(key, { keyId: stored.key_id, iv: stored.iv, tag: stored.tag, ciphertext: stored.ciphertext }, aad(row.country, row.id));
    await audit([{ chain: row.country, action: 'read', entity: 'attachment', entityId: row.id, childId: owner.childId, reason: owner.reason, outcome: 'ok', detail: { ownerKind: row.owner_kind, inline } }]);
    return { fileName: row.file_name, mediaType: servedType(row.media_type, row.file_name), content, previewable: canPreview(row.media_type) };
  });
  if (!out) {
    await door.auditAlone([{ action: 'read', entity: 'attachment', entityId: id, outcome: 'denied' }]);
    throw new NotFoundError('attachment');
  }
  return out;
}

/** Removes a file's content (who attached it, or the unit's supervisor), with a reason; the record of it stays. */
export async function removeAttachment(door: Door, id: string, reason: string): Promise<AttachmentView> {
  const out = await door.transaction(async (tx, audit) => {
    const found = await reachable(door, tx, id);
    if (!found || found.row.removed_at) return null;
    const { row, owner } = found;
    if (!canRemove(door, owner, row)) throw new ForbiddenError('Only who attached a file, or the unit’s supervisor, may remove it');
    await tx.deleteFrom('attachment_contents').where('country', '=', row.country).where('attachment_id', '=', row.id).execute();
    await tx.updateTable('attachments')
      .set({ removed_at: new Date(), removed_by: door.actor.kind === 'user' ? door.actor.userId : null, removed_reason: reason })
      .where('country', '=', row.country).where('id', '=', row.id).execute();
    await audit([{ chain: row.country, action: 'remove', entity: 'attachment', entityId: row.id, childId: owner.childId, reason: owner.reason, outcome: 'ok', detail: { ownerKind: row.owner_kind } }]);
    return view(door, owner, await metaQuery(tx).where('a.country', '=', row.country).where('a.id', '=', row.id).executeTakeFirstOrThrow());
  });
  if (!out) {
    await door.auditAlone([{ action: 'remove', entity: 'attachment', entityId: id, outcome: 'denied' }]);
    throw new NotFoundError('attachment');
  }
  return out;
}
