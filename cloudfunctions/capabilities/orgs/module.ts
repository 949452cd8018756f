import { orgsFunction } from './actions';
import { ORGS_COLLECTIONS } from './collections';
import { stations } from './station-directory';

export default { name: 'orgs', router: orgsFunction, collections: [...ORGS_COLLECTIONS, stations] };
