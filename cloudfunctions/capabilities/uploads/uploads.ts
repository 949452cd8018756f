/**
 * Photos people upload (hazard reports, claim evidence): images only — fully decoded and re-encoded, or refused —
 * within a size cap and a daily quota per user; every stored file is recorded with its owner, so a claim can only
 * cite files this system stored for the claimant. Local mode's gateway and the cloud's `registerUpload` both store
 * only the re-encoded image and record it through `acceptUpload`.
 */
import { createHash } from 'node:crypto';
import type { ParsedInputOf } from '../../../types';
import { AppError, invalid } from '../../core/errors';
import { reencodeImage, type CleanImage } from './images';
import type { UserDoc } from '../../core/identity';
import type { Ctx } from '../../core/runtime';
import type { DocReader, DocStore } from '../../core/store/docstore.port';
import { shanghaiDay } from '../../core/time';
import { uploadDays, uploads } from './collections';

export const UPLOAD_MAX_BYTES = 4 * 1024 * 1024;
export const UPLOADS_PER_DAY = 30;

/** Uploads are keyed by a hash of their reference (a /files/ path or a cloud:// file ID). */
export const uploadId = (ref: string) => createHash('sha256').update(ref).digest('base64url');

/** The photo as it will be stored: decoded and re-encoded, or INVALID_INPUT. */
export function cleanPhoto(content: Buffer): CleanImage {
  if (content.length > UPLOAD_MAX_BYTES) throw invalid('照片太大，请压缩后再传');
  const clean = reencodeImage(content);
  if (!clean) throw invalid('只能上传完整的 JPG 或 PNG 照片');
  return clean;
}

/** Records a stored (re-encoded) file for its owner within the daily quota (a keyed counter: concurrent uploads all count). */
export async function acceptUpload(store: DocStore, owner: UserDoc, ref: string, content: CleanImage, now: Date): Promise<void> {
  const day = shanghaiDay(now);
  await store.transaction(async (tx) => {
    const counterId = `${owner._id}:${day}`;
    const count = (await tx.get(uploadDays, counterId))?.count ?? 0;
    if (count >= UPLOADS_PER_DAY) throw new AppError('RATE_LIMITED', '今天上传的照片太多了，请明天再试');
    await tx.set(uploadDays, { _id: counterId, count: count + 1 });
    await tx.insert(uploads, { _id: uploadId(ref), ref, ownerId: owner._id, bytes: content.bytes.length, at: now.toISOString() });
  });
}

/** Every photo must be a file this system stored for `ownerId`. */
export async function assertOwnUploads(store: Pick<DocReader, 'get'>, ownerId: string, refs: readonly string[]): Promise<void> {
  for (const ref of refs) {
    const upload = await store.get(uploads, uploadId(ref));
    if (!upload || upload.ownerId !== ownerId) throw invalid('照片需要先在小程序里上传');
  }
}

/**
 * WeChat: the mini-program uploads to cloud storage, then registers the file ID here. The function reads the file
 * back and deletes it; an acceptable image is stored again, re-encoded, under a path of the server's choosing, and
 * that file is the photo from then on.
 */
export async function registerUpload({ user, deps, now }: Ctx, input: ParsedInputOf<'account', 'registerUpload'>): Promise<{ url: string }> {
  const storage = deps.storage;
  if (!storage?.upload) throw invalid('本地模式请直接上传照片');
  const content = await storage.read(input.fileId);
  let clean: CleanImage;
  try {
    clean = cleanPhoto(content);
  } finally {
    await storage.remove(input.fileId);
  }
  const fileId = await storage.upload(`photos/${user._id}/${deps.newId()}.${clean.type}`, clean.bytes);
  try {
    await acceptUpload(deps.store, user, fileId, clean, now);
  } catch (error) {
    await storage.remove(fileId);
    throw error;
  }
  return { url: fileId };
}
