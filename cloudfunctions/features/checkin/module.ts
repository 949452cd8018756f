import { checkinFunction } from './actions';

/** The station's check-in desk; the codes and check-ins it writes are the codes capability's. */
export default { name: 'checkin', router: checkinFunction, collections: [] };
