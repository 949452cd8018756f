import { isFull, leave, newTicket, requestIdOf, requestStanding, seatInOrder, seatsLeft, standingOf } from '../../cloudfunctions/capabilities/seating/seating';

describe('placing tickets on seats with a waitlist', () => {
  it('seats while seats are free, then queues in order, up to the bound; those that do not fit are left', () => {
    const empty = { capacity: 2, seated: [], waitlist: [] };
    const seats = seatInOrder(empty, ['a', 'b', 'c', 'd', 'e'], 2);
    expect(seats).toEqual({ capacity: 2, seated: ['a', 'b'], waitlist: ['c', 'd'] });
    expect(['a', 'c', 'd', 'e'].map((t) => standingOf(seats, t))).toEqual([
      { status: 'confirmed' },
      { status: 'waitlisted', position: 1 },
      { status: 'waitlisted', position: 2 },
      { status: 'unplaced' },
    ]);
    expect(isFull(seats, 2)).toBe(true);
    expect(isFull(seats, 3)).toBe(false);
    expect(seatsLeft(seats)).toBe(0);
  });

  it('never places a ticket twice, however often it comes', () => {
    const once = seatInOrder({ capacity: 1, seated: [], waitlist: [] }, ['a', 'b', 'a', 'b'], 5);
    expect(seatInOrder(once, ['b', 'a', 'c'], 5)).toEqual({ capacity: 1, seated: ['a'], waitlist: ['b', 'c'] });
  });

  it('a freed seat goes to the first in the queue; leaving the queue moves the rest up; an unplaced ticket changes nothing', () => {
    const seats = { capacity: 2, seated: ['a', 'b'], waitlist: ['c', 'd', 'e'] };
    expect(leave(seats, 'a')).toEqual({ seats: { capacity: 2, seated: ['b', 'c'], waitlist: ['d', 'e'] }, promoted: 'c' });
    expect(leave(seats, 'd')).toEqual({ seats: { capacity: 2, seated: ['a', 'b'], waitlist: ['c', 'e'] } });
    expect(leave({ capacity: 2, seated: ['a', 'b'], waitlist: [] }, 'a')).toEqual({ seats: { capacity: 2, seated: ['b'], waitlist: [] } });
    expect(leave(seats, 'x')).toEqual({ seats });
  });

  it('a ticket names its request, and a request made again gets another ticket', () => {
    const first = newTicket('prog:child', 'n1');
    expect(requestIdOf(first)).toBe('prog:child');
    expect(newTicket('prog:child', 'n2')).not.toBe(first);
  });

  it('a request reads as the seats have it, unless cancelled or pending', () => {
    const seats = { seated: ['r1#a'], waitlist: ['r2#a'] };
    expect(requestStanding({ status: 'requested', ticket: 'r1#a' }, seats)).toEqual({ status: 'confirmed' });
    expect(requestStanding({ status: 'confirmed', ticket: 'r2#a' }, seats)).toEqual({ status: 'waitlisted', position: 1 });
    expect(requestStanding({ status: 'cancelled', ticket: 'r1#a' }, seats)).toEqual({ status: 'cancelled' });
    expect(requestStanding({ status: 'pending', ticket: 'r3#a' }, seats)).toEqual({ status: 'pending' });
    expect(requestStanding({ status: 'requested', ticket: 'r3#a' }, seats)).toEqual({ status: 'unplaced' });
  });
});
