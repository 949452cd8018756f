import { figureProviders, type FigureProviders } from '../../capabilities/figures/providers';
import { reportsFunction } from './actions';

export default {
  name: 'reports',
  /** The figures other features keep come from the modules that lend them. */
  router: (modules: readonly { name: string; figures?: Partial<FigureProviders> }[]) => reportsFunction(figureProviders(modules)),
  uses: ['figures' as const],
  collections: [],
};
