/**
 * Figures a feature keeps itself (the opinions' per-day counts) and lends the reports, filled from the module list
 * so that the reports never import the feature.
 */
import type { OpinionFigures } from '../../../types';
import type { DocReader } from '../../core/store/docstore.port';

export interface FigureProviders {
  /** Opinions received, answered and their mean hours, for committees over Shanghai days `from`…`to`. */
  opinions(store: DocReader, orgIds: readonly string[], from: string, to: string): Promise<OpinionFigures>;
}

export function figureProviders(modules: readonly { name: string; figures?: Partial<FigureProviders> }[]): FigureProviders {
  const lent = Object.assign({}, ...modules.map((m) => m.figures ?? {})) as Partial<FigureProviders>;
  if (!lent.opinions) throw new Error('no module lends the opinions figures');
  return { opinions: lent.opinions };
}
