import { formatDistance } from '../../src/components/format-distance';
import { formatDays, formatHours, formatMeal, formatSpan } from '../../src/components/format-hours';
import { orgChoices } from '../../src/components/labels/org-path';

describe('formatDistance', () => {
  it.each([
    [0, '0 m'],
    [349.6, '350 m'],
    [999, '999 m'],
    [1000, '1.0 km'],
    [1250, '1.3 km'],
    [9949, '9.9 km'],
    [12_400, '12 km'],
  ])('%d m → %s', (m, text) => expect(formatDistance(m)).toBe(text));

  it('is empty for a missing or broken distance', () => {
    expect(formatDistance(undefined)).toBe('');
    expect(formatDistance(Number.NaN)).toBe('');
    expect(formatDistance(-1)).toBe('');
  });
});

describe('formatHours', () => {
  it('names runs of days and single days', () => {
    expect(formatDays([1, 2, 3, 4, 5])).toBe('周一至周五');
    expect(formatDays([6, 7])).toBe('周六、周日');
    expect(formatDays([1, 3, 5])).toBe('周一、周三、周五');
    expect(formatDays([7, 1, 2, 3, 4, 5, 6])).toBe('每天');
    expect(formatDays([1, 2, 3, 5, 6])).toBe('周一至周三、周五、周六');
  });

  it('marks spans past midnight and whole days', () => {
    expect(formatSpan('08:00', '20:00')).toBe('08:00–20:00');
    expect(formatSpan('22:00', '06:00')).toBe('22:00–次日06:00');
    expect(formatSpan('18:00', '24:00')).toBe('18:00–24:00');
    expect(formatSpan('00:00', '24:00')).toBe('全天');
  });

  it('groups rules with the same days, in weekday order', () => {
    expect(
      formatHours([
        { days: [6, 7], open: '09:00', close: '12:00' },
        { days: [1, 2, 3, 4, 5], open: '08:00', close: '20:00' },
        { days: [7, 6], open: '14:00', close: '18:00' },
      ]),
    ).toEqual(['周一至周五 08:00–20:00', '周六、周日 09:00–12:00、14:00–18:00']);
  });

  it('reads no hours as always open', () => {
    expect(formatHours(undefined)).toEqual(['全天开放']);
    expect(formatHours([])).toEqual(['全天开放']);
  });

  it('formats a free-meal window with its quota', () => {
    expect(formatMeal({ start: '13:00', end: '13:30', quota: 50 })).toBe('13:00–13:30 · 每日 50 份');
    expect(formatMeal({ start: '20:00', end: '20:30' })).toBe('20:00–20:30');
  });
});

describe('orgChoices', () => {
  it('labels each committee with its path, parents first', () => {
    expect(
      orgChoices([
        { id: 't', name: '魏塘街道', kind: 'town', parentId: 'd' },
        { id: 'd', name: '嘉善县', kind: 'district' },
      ]),
    ).toEqual([
      { id: 'd', label: '嘉善县' },
      { id: 't', label: '嘉善县 · 魏塘街道' },
    ]);
  });
});
