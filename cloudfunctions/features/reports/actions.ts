import { defineFunction } from '../../core/runtime';
import * as reports from './reports.service';

export const reportsFunction = defineFunction('reports', {
  summary: { access: ['cadre', 'admin'], run: reports.summary },
  export: { access: ['cadre', 'admin'], run: reports.exportCsv },
  registry: { access: ['cadre', 'admin'], run: reports.registry },
});
