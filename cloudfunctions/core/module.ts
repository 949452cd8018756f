import { attempts } from './attempts';
import { users } from './identity';
import { throttles } from './throttle';

/** The kernel's own collections: the users, and the counters behind guess limits and throttles. */
export default { name: 'core', collections: [users, attempts, throttles] };
