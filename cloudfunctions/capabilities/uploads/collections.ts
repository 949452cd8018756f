import { defineCollection, type Doc } from '../../core/store/docstore.port';

/** A stored photo, keyed by a hash of its reference, with its owner. */
export interface UploadDoc extends Doc {
  ref: string;
  ownerId: string;
  bytes: number;
  at: string;
}

export const uploads = defineCollection<UploadDoc>({ name: 'uploads', indexes: [{ fields: ['ownerId', 'at'] }] });

/** `<userId>:<day>`: how many photos the user stored that Shanghai day. */
export interface UploadDayDoc extends Doc {
  count: number;
}

export const uploadDays = defineCollection<UploadDayDoc>({ name: 'upload_days', indexes: [] });

export const UPLOADS_COLLECTIONS = [uploads, uploadDays];
