import { defineFunction } from '../../core/runtime';
import * as stations from './stations.service';
import * as stationAdmin from './admin';

export const stationsFunction = defineFunction('stations', {
  create: { access: ['admin', 'cadre'], run: stations.create },
  nearby: { access: 'anyone', run: stations.nearby },
  get: { access: 'anyone', run: stations.get },
  apply: { access: 'anyone', run: stations.apply },
  setStatus: { access: ['staff', 'admin'], run: stations.setStatus },
  manage: { access: ['staff', 'admin'], run: stations.manage },
  proposeChange: { access: ['staff'], run: stations.proposeChange },
  list: { access: ['admin', 'cadre'], run: stationAdmin.list },
  update: { access: ['admin', 'cadre'], run: stationAdmin.update },
  setPublished: { access: ['admin', 'cadre'], run: stationAdmin.setPublished },
});
