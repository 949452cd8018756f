import { REVIEW_KIND_LABELS, REVIEW_KIND_NAMES } from '../../types/review-labels';
import { REVIEW_KINDS } from '../../cloudfunctions/functions';

describe('review kinds', () => {
  it('gives every kind the server registers a label in types/, and no label to a kind it does not', () => {
    expect(REVIEW_KINDS.map((k) => k.kind).sort()).toEqual([...REVIEW_KIND_NAMES].sort());
    for (const k of REVIEW_KINDS) expect(k.label).toBe(REVIEW_KIND_LABELS[k.kind]);
    expect(new Set(Object.values(REVIEW_KIND_LABELS)).size).toBe(REVIEW_KIND_NAMES.length);
  });
});
