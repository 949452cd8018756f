import { csvCell, toCsv } from '../../cloudfunctions/features/reports/csv';
import { countUnder35, hoursOf, monthsOf, periodBuckets, splitPeriod } from '../../cloudfunctions/features/reports/reports-rules';
import { visitBuckets } from '../../cloudfunctions/capabilities/figures/fold';

describe('buckets', () => {
  it('marks a visit in its day, month and year', () => {
    expect(visitBuckets('2026-11-18')).toEqual(['2026-11-18', '2026-11', '2026']);
  });

  it('tiles a period with the fewest days, months and years', () => {
    expect(periodBuckets('2026-11-01', '2026-11-30')).toEqual(['2026-11']);
    expect(periodBuckets('2026-01-01', '2026-12-31')).toEqual(['2026']);
    expect(periodBuckets('2025-12-30', '2027-02-01')).toEqual(['2025-12-30', '2025-12-31', '2026', '2027-01', '2027-02-01']);
    expect(periodBuckets('2028-02-28', '2028-03-01')).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
    expect(periodBuckets('2026-11-18', '2026-11-18')).toEqual(['2026-11-18']);
  });

  it('splits a period into whole months and the day ranges at its ends', () => {
    expect(splitPeriod('2026-11-15', '2027-01-10')).toEqual({
      months: ['2026-12'],
      days: [
        ['2026-11-15', '2026-11-30'],
        ['2027-01-01', '2027-01-10'],
      ],
    });
    expect(splitPeriod('2026-11-15', '2026-12-10')).toEqual({ months: [], days: [['2026-11-15', '2026-12-10']] });
    expect(splitPeriod('2026-01-01', '2026-03-31')).toEqual({ months: ['2026-01', '2026-02', '2026-03'], days: [] });
    expect(monthsOf('2026-11-15', '2027-01-10')).toEqual(['2026-11', '2026-12', '2027-01']);
  });
});

describe('registry and hours', () => {
  it('counts riders aged 35 or under by year of birth', () => {
    expect(
      countUnder35(
        [
          { year: 1990, riders: 2 },
          { year: 1991, riders: 3 },
          { year: 2005, riders: 1 },
        ],
        2026,
      ),
    ).toBe(4);
  });

  it('rounds minutes to hours with one decimal', () => {
    expect(hoursOf(90)).toBe(1.5);
    expect(hoursOf(100)).toBe(1.7);
  });
});

describe('CSV', () => {
  it('leads text that could start a formula with an apostrophe, and quotes what needs quoting', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+86')).toBe("'+86");
    expect(csvCell('-x')).toBe("'-x");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe('"\'\rx"');
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell('魏塘驿站')).toBe('魏塘驿站');
    expect(csvCell(12.5)).toBe('12.5');
  });

  it('starts with a byte-order mark and ends every row with CRLF', () => {
    expect(toCsv([['指标', 1], []])).toBe('\uFEFF指标,1\r\n\r\n');
  });
});
