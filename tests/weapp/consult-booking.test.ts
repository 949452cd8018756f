import { bootApp, createWx, renderPage, waitUntil, type SimComponent } from './support/weapp';

jest.setTimeout(30000);

/** Tomorrow (Shanghai) at the given clock time, as the API answers it. */
function tomorrowAt(clock: string): string {
  const day = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
  return `${day}T${clock}:00.000+08:00`;
}

const SLOTS = [
  { id: 's-morning', start: tomorrowAt('11:00'), end: tomorrowAt('11:30'), modes: ['phone'], counsellor: { id: 'c1', name: '张律师' } },
  { id: 's-evening', start: tomorrowAt('20:30'), end: tomorrowAt('21:00'), modes: ['phone', 'text'], counsellor: { id: 'c2', name: '林老师' } },
  { id: 's-afternoon', start: tomorrowAt('15:00'), end: tomorrowAt('15:30'), modes: ['video', 'phone'], counsellor: { id: 'c1', name: '张律师' } },
];

const makePhoneCall = jest.fn((options: { success?: (r: unknown) => void }) => setTimeout(() => options.success?.({ errMsg: 'ok' }), 0));
const wx = createWx({ makePhoneCall });
type Call = { name: string; data: { action: string } & Record<string, unknown> };
const answers: Record<string, (data: Call['data']) => unknown> = {
  'consult.slots': () => ({ slots: SLOTS }),
  'consult.book': (data) => ({
    booking: {
      id: 'b1',
      status: 'booked',
      slotId: data.slotId,
      start: SLOTS[2]!.start,
      end: SLOTS[2]!.end,
      mode: data.mode,
      category: data.category,
      counsellor: { id: 'c1', name: '张律师' },
      anonymous: data.anonymous,
    },
  }),
};
wx.cloud.callFunction.mockImplementation(async ({ name, data }: Call) => {
  const answer = answers[`${name}.${data.action}`];
  return { result: answer ? { ok: true, data: answer(data) } : { ok: false, error: { code: 'INVALID_INPUT', message: '未知操作' } } };
});
bootApp(wx);

const text = (page: SimComponent) => page.dom.textContent ?? '';

describe('weapp build: 12355 booking page', () => {
  let page: SimComponent;

  beforeAll(async () => {
    page = renderPage('packages/consult/pages/book/index');
    await waitUntil(() => text(page).includes('林老师'));
  });

  it('asks for one day’s free slots and shows riders’ off-peak hours first', () => {
    expect(wx.cloud.callFunction).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'consult', data: expect.objectContaining({ action: 'slots', category: 'law', limit: 100 }) }),
    );
    const times = page.querySelectorAll('.book-page__slot-time').map((n) => (n.dom.textContent ?? '').replace(/\s/g, ''));
    expect(times).toEqual(['15:00–15:30', '20:30–21:00', '11:00–11:30']);
    expect(page.querySelectorAll('.book-page__day')).toHaveLength(14);
  });

  it('keeps 12355 one tap away, with its hours', async () => {
    expect(text(page)).toContain('周一至周五');
    page.querySelector('.hotline')?.dispatchEvent('tap');
    await waitUntil(() => makePhoneCall.mock.calls.length > 0);
    expect(makePhoneCall).toHaveBeenCalledWith(expect.objectContaining({ phoneNumber: '12355' }));
  });

  it('books the picked slot with its first mode and a common question', async () => {
    const first = page.querySelectorAll('.book-page__slot')[0];
    first?.dispatchEvent('tap');
    await waitUntil(() => text(page).includes('交通事故后怎么维权'));
    const question = page.querySelectorAll('.consult-chip--wide')[0];
    question?.dispatchEvent('tap');
    await waitUntil(() => page.querySelector('.consult-chip--wide.consult-chip--on') !== undefined);
    page.querySelector('.primary-button')?.dispatchEvent('tap');
    await waitUntil(() => text(page).includes('预约成功'));
    expect(wx.cloud.callFunction).toHaveBeenCalledWith(
      expect.objectContaining({
        name: 'consult',
        data: { action: 'book', slotId: 's-afternoon', category: 'law', mode: 'video', topic: '交通事故后怎么维权', anonymous: false },
      }),
    );
  });
});
