import type { ParsedInputOf } from '../../../types';
import type { FigureProviders } from '../../capabilities/figures/providers';
import { defineFunction, type Ctx, type Router } from '../../core/runtime';
import * as reports from './reports.service';

/** The committees' reports; the figures other features keep (opinions) come through the figures capability. */
export function reportsFunction(figures: FigureProviders): Router {
  return defineFunction('reports', {
    summary: { access: ['cadre', 'admin'], run: (ctx: Ctx, input: ParsedInputOf<'reports', 'summary'>) => reports.summary(ctx, figures, input) },
    export: { access: ['cadre', 'admin'], run: (ctx: Ctx, input: ParsedInputOf<'reports', 'export'>) => reports.exportCsv(ctx, figures, input) },
    registry: { access: ['cadre', 'admin'], run: reports.registry },
  });
}
