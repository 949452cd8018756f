import { MEALS_COLLECTIONS } from './meal-windows';

export default { name: 'meals', collections: MEALS_COLLECTIONS };
