import { PROGRAMMES_COLLECTIONS } from './collections';

export default { name: 'programmes', collections: PROGRAMMES_COLLECTIONS };
