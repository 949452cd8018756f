import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { Programme } from '../../types/childcare';
import type { User } from '../../types/account';
import { api } from '../../src/api';
import { ApiError } from '../../src/api/client';
import { oversees, VolunteerPlacement } from '../../src/packages/childcare/pages/programme/volunteer-placement';
import { must } from '../support/must';
import { quietTextareaNoise } from './review-fixtures';

jest.mock('../../src/api', () => jest.requireActual('./support/api-mock').apiMock());
const tree = jest.mocked(api.orgs.tree);
const place = jest.mocked(api.volunteers.place);

const ORGS = [
  { id: 'org-jiashan', name: '嘉善县', kind: 'district' as const },
  { id: 'org-weitang', name: '魏塘街道', kind: 'town' as const, parentId: 'org-jiashan' },
  { id: 'org-pinghu', name: '平湖市', kind: 'district' as const },
];
const COUNTY_CADRE: User = { id: 'u-cadre', displayName: '周书记', roles: ['rider', 'cadre'], cadreOrgIds: ['org-jiashan'] };
const PINGHU_CADRE: User = { id: 'u-ph', displayName: '平湖干事', roles: ['rider', 'cadre'], cadreOrgIds: ['org-pinghu'] };
const VOLUNTEER: User = { id: 'u-vol', displayName: '孙志愿', roles: ['rider', 'volunteer'] };

const PROGRAMME = {
  id: 'prog-1',
  title: '寒假骑士班·魏塘',
  orgId: 'org-weitang',
  volunteersPerSession: 4,
} as Programme;

const type = (container: HTMLElement, selector: string, value: string) =>
  fireEvent(must(container.querySelector(selector), selector), new CustomEvent('input', { detail: { value } }));

beforeEach(() => {
  for (const m of [tree, place]) m.mockReset();
  tree.mockResolvedValue({ orgs: ORGS });
  jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
  quietTextareaNoise();
});

describe('placing a volunteer of another committee on a programme', () => {
  it('is offered only to a cadre whose committees hold the programme', async () => {
    expect(oversees(['org-jiashan'], ORGS, 'org-weitang')).toBe(true);
    expect(oversees(['org-weitang'], ORGS, 'org-weitang')).toBe(true);
    expect(oversees(['org-weitang'], ORGS, 'org-jiashan')).toBe(false);
    expect(oversees(['org-pinghu'], ORGS, 'org-weitang')).toBe(false);

    const volunteer = render(<VolunteerPlacement user={VOLUNTEER} programme={PROGRAMME} />);
    expect(volunteer.container.textContent).toBe('');
    expect(tree).not.toHaveBeenCalled();
    volunteer.unmount();

    // Both decide on the same answer of the committee tree: once the county cadre's shows, the other's is decided.
    const other = render(<VolunteerPlacement user={PINGHU_CADRE} programme={PROGRAMME} />);
    const county = render(<VolunteerPlacement user={COUNTY_CADRE} programme={PROGRAMME} />);
    expect(await screen.findByText('安排其他团委的志愿者')).toBeTruthy();
    expect(county.container.textContent).toContain('每场最多 4 人');
    expect(other.container.textContent).toBe('');
  });

  it('when the committees cannot be loaded, still offers it to a cadre (the server decides)', async () => {
    tree.mockRejectedValue(new ApiError('INTERNAL', '服务开小差了，请稍后再试'));
    render(<VolunteerPlacement user={PINGHU_CADRE} programme={PROGRAMME} />);
    expect(await screen.findByText('安排其他团委的志愿者')).toBeTruthy();
  });

  it('places by the user number, lists who was placed, and removes only after the 再想想 confirmation', async () => {
    place.mockImplementation(async ({ volunteerId, remove }) => ({ placed: !remove, programmeId: 'prog-1', volunteer: { id: volunteerId, name: '孙志愿' } }));
    const { container } = render(<VolunteerPlacement user={COUNTY_CADRE} programme={PROGRAMME} />);
    await screen.findByText('安排其他团委的志愿者');

    fireEvent.click(screen.getByText('安排'));
    expect(await screen.findByText('请输入志愿者的用户编号')).toBeTruthy();
    expect(place).not.toHaveBeenCalled();

    type(container, '.placement__number', ' u-vol ');
    fireEvent.click(screen.getByText('安排'));
    expect(await screen.findByText('已安排 孙志愿，对方现在可以报名这个骑士班的场次')).toBeTruthy();
    expect(place).toHaveBeenCalledWith({ programmeId: 'prog-1', volunteerId: 'u-vol', remove: false });
    expect(screen.getByText('刚才安排的志愿者')).toBeTruthy();
    expect(screen.getByText('编号 u-vol')).toBeTruthy();

    jest.mocked(Taro.showModal).mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    fireEvent.click(screen.getByText('移出'));
    await waitFor(() =>
      expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ cancelText: '再想想', content: expect.stringContaining('孙志愿') })),
    );
    expect(place).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByText('移出'));
    expect(await screen.findByText('已移出 孙志愿，对方不能再报名这个骑士班的新场次')).toBeTruthy();
    expect(place).toHaveBeenLastCalledWith({ programmeId: 'prog-1', volunteerId: 'u-vol', remove: true });
    expect(screen.queryByText('编号 u-vol')).toBeNull();
  });

  it('says in Chinese why a placement failed, and keeps the typed number', async () => {
    place.mockRejectedValue(new ApiError('NOT_FOUND', '找不到这位志愿者'));
    const { container } = render(<VolunteerPlacement user={COUNTY_CADRE} programme={PROGRAMME} />);
    await screen.findByText('安排其他团委的志愿者');
    type(container, '.placement__number', 'u-typo');
    fireEvent.click(screen.getByText('安排'));
    expect(await screen.findByText('找不到这位志愿者')).toBeTruthy();
    expect(screen.queryByText('刚才安排的志愿者')).toBeNull();
    expect(must(container.querySelector<HTMLInputElement>('.placement__number'), 'number field').value).toBe('u-typo');
  });
});
