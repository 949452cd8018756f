import { CODES_COLLECTIONS } from './collections';

export default { name: 'codes', collections: CODES_COLLECTIONS };
