import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { CHILD_CONSENT_VERSION } from '../../types/childcare-labels';
import type { MyEnrolment } from '../../types/childcare';
import { ApiError } from '../../src/api/client';
import { api } from '../../src/api';
import ChildrenPage from '../../src/packages/childcare/pages/children/index';
import MinePage from '../../src/packages/childcare/pages/mine/index';

jest.mock('../../src/api', () => jest.requireActual('./support/api-mock').apiMock());
const children = jest.mocked(api.childcare.children);
const addChild = jest.mocked(api.childcare.addChild);
const mine = jest.mocked(api.childcare.mine);
const cancel = jest.mocked(api.childcare.cancel);

const ENROLMENT: MyEnrolment = {
  id: 'p1:k1',
  programmeId: 'p1',
  childId: 'k1',
  status: 'waitlisted',
  position: 2,
  enrolledAt: '2026-11-18T10:00:00.000+08:00',
  childName: '王小明',
  programme: { id: 'p1', title: '寒假骑士班', siteName: '社区中心', firstDate: '2026-11-21', lastDate: '2026-11-28' },
};

beforeEach(() => {
  for (const m of [children, addChild, mine, cancel]) m.mockReset();
});

describe('children page', () => {
  it('refusing the consent notice stores nothing', async () => {
    children.mockResolvedValue({ children: [] });
    render(<ChildrenPage />);
    fireEvent.click(await screen.findByText('添加孩子'));
    expect(screen.getByText('监护人告知书')).toBeTruthy();
    fireEvent.click(screen.getByText('不同意'));
    expect(await screen.findByText('还没有添加孩子')).toBeTruthy();
    expect(addChild).not.toHaveBeenCalled();
  });

  it('after consent, sends the details with the consent version and lists the child masked', async () => {
    children.mockResolvedValue({ children: [] });
    addChild.mockResolvedValue({ child: { id: 'k1', name: '王**', age: 8, emergencyPhone: '138****8000', hasAllergies: true } });
    const { container } = render(<ChildrenPage />);
    fireEvent.click(await screen.findByText('添加孩子'));
    fireEvent.click(screen.getByText('我已阅读并同意'));
    const type = (selector: string, value: string) => fireEvent(container.querySelector(selector)!, new CustomEvent('input', { detail: { value } }));
    type('.children-page__name', '王小明');
    fireEvent(container.querySelector('.children-page__birth')!.closest('taro-picker-core')!, new CustomEvent('change', { detail: { value: '2018-05-01' } }));
    type('.children-page__phone', '13800138000');
    fireEvent.click(screen.getByText('保存'));
    await waitFor(() => expect(addChild).toHaveBeenCalled());
    expect(addChild.mock.calls[0]![0]).toMatchObject({ name: '王小明', birthDate: '2018-05-01', consent: { version: CHILD_CONSENT_VERSION, accepted: true } });
    expect(await screen.findByText('有过敏')).toBeTruthy();
  });
});

describe('my enrolments page', () => {
  it('shows the waitlist position and cancels only on the second tap', async () => {
    mine.mockResolvedValueOnce({ enrolments: [ENROLMENT] });
    mine.mockResolvedValue({ enrolments: [{ ...ENROLMENT, status: 'cancelled', position: undefined }] });
    cancel.mockResolvedValue({ enrolment: { ...ENROLMENT, status: 'cancelled' } });
    const { container } = render(<MinePage />);
    expect(await screen.findByText('候补中 第 2 位')).toBeTruthy();
    fireEvent.click(screen.getByText('取消报名'));
    expect(cancel).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('确认取消'));
    await waitFor(() => expect(cancel).toHaveBeenCalledWith({ enrolmentId: 'p1:k1' }));
    await waitFor(() => expect(container.querySelector('.mine-page__status')?.textContent).toBe('已取消'));
  });

  it('shows an error with a retry when loading fails', async () => {
    mine.mockRejectedValueOnce(new ApiError('INTERNAL', '服务开小差了，请稍后再试'));
    mine.mockResolvedValue({ enrolments: [] });
    render(<MinePage />);
    fireEvent.click(await screen.findByText('重试'));
    expect(await screen.findByText('还没有报名')).toBeTruthy();
  });
});
