import { UPLOADS_COLLECTIONS } from './collections';

export default { name: 'uploads', collections: UPLOADS_COLLECTIONS };
