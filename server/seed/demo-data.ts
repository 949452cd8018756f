import { isOpenAt } from '../../cloudfunctions/features/stations/opening-hours';
import type { HoursRule, MealWindow, OrgKind, StationService } from '../../types/common';
import { seededRandom } from './random';

export interface DemoOrg {
  id: string;
  name: string;
  kind: OrgKind;
  parentId?: string;
}

export const DEMO_ORGS: DemoOrg[] = [
  { id: 'org-jiaxing', name: '共青团嘉兴市委', kind: 'district' },
  { id: 'org-xiuzhou', name: '共青团秀洲区委', kind: 'district', parentId: 'org-jiaxing' },
  { id: 'org-jiashan', name: '共青团嘉善县委', kind: 'district', parentId: 'org-jiaxing' },
  { id: 'org-pinghu', name: '共青团平湖市委', kind: 'district', parentId: 'org-jiaxing' },
  { id: 'org-haining', name: '共青团海宁市委', kind: 'district', parentId: 'org-jiaxing' },
  { id: 'org-weitang', name: '魏塘街道团工委', kind: 'town', parentId: 'org-jiashan' },
  { id: 'org-luoxing', name: '罗星街道团工委', kind: 'town', parentId: 'org-jiashan' },
  { id: 'org-huimin', name: '惠民街道团工委', kind: 'town', parentId: 'org-jiashan' },
  { id: 'org-xitang', name: '西塘镇团委', kind: 'town', parentId: 'org-jiashan' },
  { id: 'org-dayun', name: '大云镇团委', kind: 'town', parentId: 'org-jiashan' },
  { id: 'org-yaozhuang', name: '姚庄镇团委', kind: 'town', parentId: 'org-jiashan' },
  { id: 'org-jiashan-express', name: '嘉善县快递物流行业团工委', kind: 'industry', parentId: 'org-jiashan' },
  { id: 'org-xiuzhou-xincheng', name: '秀洲新城社区团支部', kind: 'community', parentId: 'org-xiuzhou' },
];

/** Where the demo rider stands when location is refused: 嘉善县城, GCJ-02. */
export const DEMO_LOCATION = { lat: 30.841, lng: 120.926 };

interface Area {
  orgId: string;
  center: { lat: number; lng: number };
  places: string[];
}

const AREAS: Area[] = [
  {
    orgId: 'org-weitang',
    center: DEMO_LOCATION,
    places: ['解放东路', '施家南路', '体育南路', '中山路', '晋阳路', '谈公路', '南门菜场', '银座广场', '世纪大道', '亭桥路'],
  },
  { orgId: 'org-luoxing', center: { lat: 30.826, lng: 120.906 }, places: ['罗星街道党群服务中心', '东升路', '阳光西路', '嘉善高铁南站', '归谷园区'] },
  { orgId: 'org-huimin', center: { lat: 30.852, lng: 120.962 }, places: ['惠民街道便民中心', '枫南路', '东海大道', '惠通路', '台升大道'] },
  { orgId: 'org-xitang', center: { lat: 30.944, lng: 120.888 }, places: ['西塘古镇南门', '南苑路', '西塘汽车站', '塘东街'] },
  { orgId: 'org-dayun', center: { lat: 30.797, lng: 120.968 }, places: ['大云镇政府', '云宝路', '碧云花园', '歌斐颂巧克力小镇'] },
  { orgId: 'org-yaozhuang', center: { lat: 30.904, lng: 121.006 }, places: ['姚庄镇中心', '宝群路', '丁栅', '桃源新邨'] },
  { orgId: 'org-jiashan-express', center: { lat: 30.835, lng: 120.94 }, places: ['中通嘉善分拨中心', '顺丰嘉善营业部', '京东物流嘉善站', '圆通嘉善网点'] },
  {
    orgId: 'org-xiuzhou',
    center: { lat: 30.763, lng: 120.709 },
    places: ['秀洲新城', '洪合镇', '王店镇', '油车港镇', '新塍镇', '高照街道', '秀洲区行政中心', '中山西路', '康和路', '运河湾'],
  },
  {
    orgId: 'org-pinghu',
    center: { lat: 30.676, lng: 121.015 },
    places: ['当湖街道', '钟埭街道', '曹桥街道', '新埭镇', '乍浦镇', '平湖经济开发区', '东湖景区'],
  },
  { orgId: 'org-haining', center: { lat: 30.51, lng: 120.68 }, places: ['硖石街道', '海洲街道', '海宁皮革城', '长安镇', '许村镇', '盐官古城', '马桥街道'] },
];

const BRANDS: [string, ...string[]] = ['小哥驿站', '骑士加油站', '爱心驿站', '骑手暖心驿站'];

/** The i-th entry, going round a non-empty list. */
function cycle<T>(list: readonly [T, ...T[]], i: number): T {
  return list[i % list.length] ?? list[0];
}

const SERVICE_SETS: [StationService[], ...StationService[][]] = [
  ['rest', 'charging', 'water', 'microwave', 'toilet', 'wifi'],
  ['rest', 'water', 'umbrella', 'first-aid'],
  ['rest', 'charging', 'water', 'microwave', 'meal', 'reading'],
  ['charging', 'water', 'toilet'],
  ['rest', 'charging', 'water', 'microwave', 'toilet', 'umbrella', 'first-aid', 'wifi', 'reading', 'meal'],
  ['rest', 'water', 'wifi', 'reading'],
];

const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];
const HOURS_SETS: [HoursRule[] | undefined, ...(HoursRule[] | undefined)[]] = [
  undefined,
  [{ days: ALL_DAYS, open: '08:00', close: '20:00' }],
  [
    { days: [1, 2, 3, 4, 5], open: '09:00', close: '21:00' },
    { days: [6, 7], open: '10:00', close: '18:00' },
  ],
  [{ days: ALL_DAYS, open: '20:00', close: '08:00' }],
  [{ days: ALL_DAYS, open: '07:00', close: '24:00' }],
];

const MEALS: MealWindow[] = [
  { start: '13:00', end: '13:30', quota: 30 },
  { start: '20:00', end: '20:30', quota: 30 },
];

/** A Monday in Shanghai; the week after it stands for every week. */
const SAMPLE_MONDAY = Date.parse('2026-11-16T00:00:00+08:00');

/** Whether a station with these hours is open for the whole meal window on every day of the week. */
export function openThroughout(hours: HoursRule[] | undefined, w: MealWindow): boolean {
  const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
  return ALL_DAYS.every((d) => {
    const day = SAMPLE_MONDAY + (d - 1) * 86_400_000;
    return [minutes(w.start), minutes(w.end) - 1].every((m) => isOpenAt(hours, new Date(day + m * 60_000)));
  });
}

export interface DemoStation {
  id: string;
  name: string;
  orgId: string;
  location: { lat: number; lng: number };
  address: string;
  services: StationService[];
  hours?: HoursRule[];
  meals?: MealWindow[];
  mealPartner?: string;
  phone: string;
}

const COUNTY: Record<string, string> = {
  'org-xiuzhou': '嘉兴市秀洲区',
  'org-pinghu': '嘉兴市平湖市',
  'org-haining': '嘉兴市海宁市',
};

export function demoStations(): DemoStation[] {
  const random = seededRandom(20261122);
  const stations: DemoStation[] = [
    {
      id: 'st-weitang-hq',
      name: '魏塘街道小哥驿站（解放东路总站）',
      orgId: 'org-weitang',
      location: { lat: 30.8419, lng: 120.9268 },
      address: '嘉兴市嘉善县魏塘街道解放东路 168 号',
      services: cycle(SERVICE_SETS, 4),
      // Open day and night: the demo's free-meal window open now (whatever the hour) is at a station that is open.
      meals: MEALS,
      mealPartner: '善城人家餐厅',
      phone: '0573-84123456',
    },
  ];
  let n = 0;
  for (const area of AREAS) {
    area.places.forEach((place, i) => {
      n += 1;
      const angle = random() * 2 * Math.PI;
      const km = 0.3 + random() * 3.2;
      const lat = area.center.lat + (km / 111.2) * Math.sin(angle);
      const lng = area.center.lng + (km / (111.2 * Math.cos((area.center.lat * Math.PI) / 180))) * Math.cos(angle);
      const hours = cycle(HOURS_SETS, n);
      const meals = MEALS.filter((w) => openThroughout(hours, w));
      const withMeal = i % 3 === 0 && meals.length > 0;
      const services = cycle(SERVICE_SETS, n + i);
      stations.push({
        id: `st-${String(n).padStart(3, '0')}`,
        name: `${place}${cycle(BRANDS, n)}`,
        orgId: area.orgId,
        location: { lat: Number(lat.toFixed(6)), lng: Number(lng.toFixed(6)) },
        address: `${COUNTY[area.orgId] ?? '嘉兴市嘉善县'}${place}${10 + Math.floor(random() * 300)} 号`,
        services: withMeal && !services.includes('meal') ? [...services, 'meal'] : services,
        hours,
        ...(withMeal ? { meals, mealPartner: `${place}爱心餐厅` } : {}),
        phone: `0573-8${String(4000000 + n * 7919).slice(0, 7)}`,
      });
    });
  }
  return stations;
}

export const DEMO_USERS = [
  { openid: 'demo-rider', displayName: '李小哥', orgId: 'org-weitang', platform: '美团外卖', roles: [] },
  { openid: 'demo-rider-2', displayName: '王骑手', orgId: 'org-weitang', platform: '饿了么', roles: [] },
  { openid: 'demo-staff', displayName: '陈站长', orgId: 'org-weitang', roles: [{ role: 'staff', stationId: 'st-weitang-hq' }] },
  { openid: 'demo-cadre', displayName: '周书记（嘉善县团委）', roles: [{ role: 'cadre', orgId: 'org-jiashan' }] },
  { openid: 'demo-town-cadre', displayName: '吴干事（魏塘街道）', roles: [{ role: 'cadre', orgId: 'org-weitang' }] },
  { openid: 'demo-volunteer', displayName: '孙志愿', orgId: 'org-weitang', roles: [{ role: 'volunteer' }] },
] as const;

/**
 * 12355 counsellors of local mode, by openid, each with the week template their slots follow for the two weeks after
 * the seed's now (afternoons and evenings: riders' off-peak hours).
 */
export const DEMO_COUNSELLORS = [
  {
    openid: 'demo-counsellor',
    name: '张律师',
    categories: ['law', 'labour', 'insurance'],
    orgId: 'org-jiashan',
    intro: '执业律师，擅长劳动争议和交通事故维权',
    template: { days: [1, 2, 3, 4, 5], from: '14:00', to: '17:00', minutes: 30 },
  },
  {
    openid: 'demo-counsellor-2',
    name: '林老师',
    categories: ['psych', 'family', 'love', 'workplace'],
    orgId: 'org-jiashan',
    intro: '国家二级心理咨询师，12355 志愿咨询师',
    template: { days: [1, 2, 3, 4, 5, 6, 7], from: '20:00', to: '22:00', minutes: 30 },
  },
] as const;

export const DEMO_REWARDS = [
  { _id: 'rw-gift', name: '暖心大礼包', cost: 50, stock: 10, description: '雨衣、保温杯、护膝各一件' },
  { _id: 'rw-powerbank', name: '充电宝免费租借券', cost: 10, stock: 100, description: '合作驿站可用，单次 4 小时' },
  { _id: 'rw-raincoat', name: '分体式雨衣', cost: 30, stock: 20 },
];
