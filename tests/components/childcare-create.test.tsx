import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { PROGRAMME_LIMITS } from '../../types/childcare-labels';
import type { Programme } from '../../types/childcare';
import type { User } from '../../types/account';
import { api } from '../../src/api';
import CreateProgrammePage from '../../src/packages/childcare/pages/create/index';
import { must } from '../support/must';
import { station } from './fixtures';
import { quietTextareaNoise } from './review-fixtures';

jest.mock('../../src/api', () => jest.requireActual('./support/api-mock').apiMock());
const me = jest.mocked(api.account.me);
const tree = jest.mocked(api.orgs.tree);
const nearby = jest.mocked(api.stations.nearby);
const createProgramme = jest.mocked(api.childcare.createProgramme);

const ORGS = [
  { id: 'org-jiashan', name: '嘉善县', kind: 'district' as const },
  { id: 'org-weitang', name: '魏塘街道', kind: 'town' as const, parentId: 'org-jiashan' },
];
const COUNTY_CADRE: User = { id: 'u-cadre', displayName: '周书记', roles: ['rider', 'cadre'], cadreOrgIds: ['org-jiashan'] };
const HQ = station({ id: 'st-hq', name: '魏塘总站', orgId: 'org-weitang' });

const CREATED = { id: 'prog-new', title: '寒假骑士班·县城', orgId: 'org-jiashan', volunteersPerSession: 5 } as Programme;

const type = (container: HTMLElement, selector: string, value: string) =>
  fireEvent(must(container.querySelector(selector), selector), new CustomEvent('input', { detail: { value } }));
const pick = (container: HTMLElement, selector: string, value: number) =>
  fireEvent(must(container.querySelector(selector)?.closest('taro-picker-core'), selector), new CustomEvent('change', { detail: { value } }));

beforeEach(() => {
  for (const m of [me, tree, nearby, createProgramme]) m.mockReset();
  tree.mockResolvedValue({ orgs: ORGS });
  nearby.mockResolvedValue({ stations: [HQ] });
  jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' });
  quietTextareaNoise();
});

describe('opening a programme: the volunteers a session takes', () => {
  it('starts at the contract default, refuses a number out of bounds without sending, and sends the one typed', async () => {
    me.mockResolvedValue({ user: COUNTY_CADRE });
    createProgramme.mockResolvedValue({ programme: CREATED });
    const { container } = render(<CreateProgrammePage />);
    const field = await waitFor(() => must(container.querySelector<HTMLInputElement>('.create-page__volunteers'), 'volunteer field'));
    expect(field.value).toBe(String(PROGRAMME_LIMITS.volunteersPerSession));
    type(container, '.create-page__title', '寒假骑士班·县城');
    pick(container, '.create-page__station', 1);

    type(container, '.create-page__volunteers', String(PROGRAMME_LIMITS.volunteersPerSessionMax + 1));
    fireEvent.click(screen.getByText('发布骑士班'));
    expect(await screen.findByText(`每场志愿者人数应在 1 到 ${PROGRAMME_LIMITS.volunteersPerSessionMax} 之间`)).toBeTruthy();
    type(container, '.create-page__volunteers', '0');
    fireEvent.click(screen.getByText('发布骑士班'));
    expect(await screen.findByText(`每场志愿者人数应在 1 到 ${PROGRAMME_LIMITS.volunteersPerSessionMax} 之间`)).toBeTruthy();
    expect(createProgramme).not.toHaveBeenCalled();

    type(container, '.create-page__volunteers', '5');
    expect(screen.queryByText(/每场志愿者人数应在/)).toBeNull();
    fireEvent.click(screen.getByText('发布骑士班'));
    await waitFor(() => expect(createProgramme).toHaveBeenCalledTimes(1));
    expect(createProgramme.mock.calls[0]![0]).toMatchObject({
      title: '寒假骑士班·县城',
      orgId: 'org-jiashan',
      volunteersPerSession: 5,
      site: { stationId: 'st-hq' },
    });
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: expect.stringContaining('prog-new') }));
  });
});
