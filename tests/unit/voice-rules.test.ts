import {
  countAnswered,
  countReceived,
  emptyDay,
  hoursBetween,
  nominationsOpen,
  pathToRoot,
  pickWinners,
  shorten,
  sumFigures,
  votingState,
} from '../../cloudfunctions/features/voice/voice-rules';

describe('voice rules', () => {
  const round = { status: 'voting' as const, startsOn: '2026-11-18', endsOn: '2026-11-30' };

  it('opens voting only in the voting phase and within the round’s days', () => {
    expect(votingState(round, '2026-11-17')).toBe('not-started');
    expect(votingState(round, '2026-11-18')).toBe('open');
    expect(votingState(round, '2026-11-30')).toBe('open');
    expect(votingState(round, '2026-12-01')).toBe('ended');
    expect(votingState({ ...round, status: 'nominating' }, '2026-11-20')).toBe('not-voting');
    expect(nominationsOpen({ ...round, status: 'nominating' }, '2026-11-30')).toBe(true);
    expect(nominationsOpen({ ...round, status: 'nominating' }, '2026-12-01')).toBe(false);
    expect(nominationsOpen(round, '2026-11-20')).toBe(false);
  });

  it('picks winners by votes, then the earlier nomination', () => {
    const c = (nomineeId: string, votes: number, at: string) => ({ nomineeId, votes, at });
    const all = [c('a', 3, '2026-11-02'), c('b', 5, '2026-11-03'), c('c', 3, '2026-11-01'), c('d', 0, '2026-11-01')];
    expect(pickWinners(all, 2).map((w) => w.nomineeId)).toEqual(['b', 'c']);
    expect(pickWinners(all, 10)).toHaveLength(4);
  });

  it('keeps day roll-ups and sums them into figures', () => {
    let day = countReceived(countReceived(emptyDay(), 'rights'), 'legal');
    day = countAnswered(countAnswered(day, 2), 5);
    const other = countReceived(emptyDay(), 'rights');
    const figures = sumFigures([day, other]);
    expect(figures).toMatchObject({ received: 3, answered: 2, meanAnswerHours: 3.5 });
    expect(figures.byArea).toMatchObject({ rights: 2, legal: 1, life: 0 });
    expect(sumFigures([]).meanAnswerHours).toBeNull();
  });

  it('measures hours and shortens titles', () => {
    expect(hoursBetween('2026-11-18T02:00:00.000Z', '2026-11-18T05:30:00.000Z')).toBe(3.5);
    expect(shorten('一二三', 2)).toBe('一二…');
    expect(shorten('一二', 2)).toBe('一二');
  });

  it('walks from a committee to the root', () => {
    const orgs = [{ _id: 'county' }, { _id: 'town', parentId: 'county' }, { _id: 'village', parentId: 'town' }];
    expect(pathToRoot(orgs, 'village')).toEqual(['village', 'town', 'county']);
    expect(pathToRoot(orgs, 'missing')).toEqual([]);
  });
});
