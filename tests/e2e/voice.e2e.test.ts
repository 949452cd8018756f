import type { Browser, Page } from 'playwright-core';
import { launchChromium, phonePage, settled, signIn } from './support/browser';
import { checkedScreenshot } from './support/a11y';
import { startLocalServer, type LocalServer } from './support/local-server';

jest.setTimeout(180_000);

let server: LocalServer;
let browser: Browser;
let li: Page;
let wang: Page;
let staff: Page;
let cadre: Page;

const WISH = '孩子想要一套科普图书';
const OPINION = '解放东路口红绿灯太短，电动车过不去';
const ANSWER = '已向县交警大队反映，路口信号灯将延长 10 秒。';
const ROUND = '2026 魏塘最美骑手·冬季';
const STORY = '暴雨夜把走失的孩子平安送回了家，还每周帮独居老人买药。';

beforeAll(async () => {
  server = await startLocalServer();
  browser = await launchChromium();
  [li, wang, staff, cadre] = await Promise.all([phonePage(browser), phonePage(browser), phonePage(browser), phonePage(browser)]);
  await signIn(li, server.url, '骑手');
  await signIn(wang, server.url, '骑手·王');
  await signIn(staff, server.url, '驿站工作人员');
  await signIn(cadre, server.url, '团干部·魏塘街道');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens a page afresh: a reload leaves no earlier, hidden copy of it in Taro's page stack. */
const open = async (page: Page, path: string, waitFor: string) => {
  await page.goto(`${server.url}/#/packages/voice/pages/${path}`);
  await page.reload();
  await page.getByText(waitFor, { exact: true }).first().waitFor();
};

describe('微心愿: from posting to thank-you', () => {
  it('a rider posts a wish for their child', async () => {
    await open(li, 'post-wish/index', '心愿给谁');
    await li.getByText('给孩子', { exact: true }).click();
    await li.locator('.wish-text textarea').fill(WISH);
    await li.getByText('提交心愿', { exact: true }).click();
    await li.getByText('心愿已提交，等待团委审核').waitFor();
    await checkedScreenshot(li, 'voice-1-wish-posted');
  });

  it('the town cadre approves it from the queue', async () => {
    await cadre.goto(`${server.url}/#/pages/review/index`);
    const row = cadre.locator('.review-row', { hasText: `微心愿：${WISH}` });
    await row.click();
    await cadre.locator('.review-detail__button--approve').waitFor();
    await expect(cadre.locator('.review-detail').innerText()).resolves.toContain('李小哥');
    await cadre.getByText('发布到心愿墙', { exact: true }).click();
    await cadre.getByText('确认发布', { exact: true }).click();
    await cadre.locator('.review-detail .review-status--approved').waitFor();
  });

  it('station staff see it on the wall without the wisher’s name, claim it and mark it fulfilled', async () => {
    await open(staff, 'wishes/index', '心愿墙');
    const card = staff.locator('.wish-card', { hasText: WISH });
    await card.getByText('认领这个心愿').click();
    await card.getByText('心愿已实现').click();
    await card.getByText('已实现', { exact: true }).waitFor();
    await expect(staff.locator('.page').first().innerText()).resolves.not.toContain('李小哥');
    await checkedScreenshot(staff, 'voice-2-wish-fulfilled');
  });

  it('the rider follows it to 已实现 and says thank you', async () => {
    await open(li, 'wishes/index', '心愿墙');
    await li.getByText('我的心愿', { exact: true }).click();
    const card = li.locator('.wish-card', { hasText: WISH });
    await card.getByText('已实现', { exact: true }).waitFor();
    await card.locator('.wish-thanks textarea').fill('孩子天天抱着书看，谢谢陈站长！');
    await card.getByText('说声谢谢').click();
    await card.getByText('许愿人致谢：孩子天天抱着书看，谢谢陈站长！').waitFor();
    await checkedScreenshot(li, 'voice-3-wish-thanked');
  });
});

describe('团团递语: an opinion answered and published', () => {
  it('a rider sends an opinion anonymously', async () => {
    await open(wang, 'send-opinion/index', '想说哪方面');
    await wang.getByText('交通安全', { exact: true }).click();
    await wang.locator('.opinion-text textarea').fill(OPINION);
    await wang.getByText('✓ 匿名提交').waitFor();
    await wang.getByText('提交递语', { exact: true }).click();
    await wang.getByText('已送达团委').waitFor();
    await checkedScreenshot(wang, 'voice-4-opinion-sent');
  });

  it('the cadre sees it without a name and answers it publicly', async () => {
    await open(cadre, 'answer/index', '提交答复');
    const card = cadre.locator('.opinion-card', { hasText: OPINION });
    await expect(card.innerText()).resolves.toContain('匿名骑手');
    await expect(card.innerText()).resolves.not.toContain('王骑手');
    await card.locator('.opinion-answer textarea').fill(ANSWER);
    await card.locator('.opinion-publish').click();
    await checkedScreenshot(cadre, 'voice-5-opinion-answering');
    await card.getByText('提交答复', { exact: true }).click();
    await card.waitFor({ state: 'detached' });
  });

  it('the rider reads the answer, and another rider finds it among the public answers', async () => {
    await open(wang, 'opinions/index', '我的递语');
    await wang.getByText(`团委答复：${ANSWER}`).waitFor();
    await open(li, 'opinions/index', '我的递语');
    await li.getByText('公开答复', { exact: true }).click();
    await li.getByText(`问：${OPINION}`).waitFor();
    await li.getByText(`答：${ANSWER}`).waitFor();
    await checkedScreenshot(li, 'voice-6-public-answer');
  });
});

describe('最美骑手: a round from nomination to results', () => {
  let roundPath = '';

  it('the cadre opens a round', async () => {
    await open(cadre, 'rounds/index', '发起评选（两周）');
    await cadre.locator('.round-title input').fill(ROUND);
    await cadre.getByText('1 名', { exact: true }).click();
    await cadre.getByText('发起评选', { exact: true }).click();
    await cadre.locator('.round-page').getByText(ROUND).waitFor();
    roundPath = `round/index?id=${new URL(cadre.url().replace('#', '')).searchParams.get('id')}`;
  });

  it('a rider nominates another with a story, and the nominee accepts', async () => {
    await open(wang, roundPath, ROUND);
    await wang.getByText('选择骑手', { exact: true }).click();
    await wang.locator('.voice-chip', { hasText: '李小哥' }).click();
    await wang.locator('.round-story textarea').fill(STORY);
    await wang.getByText('提交提名', { exact: true }).click();
    await wang.getByText('提名已送出，等待本人确认').waitFor();

    await open(li, roundPath, ROUND);
    await li.getByText('有人提名了你').waitFor();
    await checkedScreenshot(li, 'voice-7-nominated');
    await li.getByText('接受提名', { exact: true }).click();
    await li.getByText('你已接受提名').waitFor();
  });

  it('the cadre shortlists, and a verified rider votes once today', async () => {
    await open(cadre, roundPath, ROUND);
    const card = cadre.locator('.candidate-card', { hasText: '李小哥' });
    await card.getByText('选为入围').click();
    await cadre.getByText('确定入围名单（1）并开始投票').click();
    await cadre.getByText('入围名单已确定，投票开始').waitFor();

    await open(wang, roundPath, ROUND);
    await wang.getByText('你今天还可以投 1 票').waitFor();
    await wang.getByText('投 TA 一票').click();
    await wang.getByText('你今天已经投过票了，明天再来').waitFor();
    await wang.locator('.candidate-card', { hasText: '李小哥' }).getByText('1 票').waitFor();
    await expect(wang.getByText('投 TA 一票').count()).resolves.toBe(0);
    await checkedScreenshot(wang, 'voice-8-voted');
  });

  it('the cadre publishes the results, and the winner wears the title on their profile', async () => {
    await open(cadre, roundPath, ROUND);
    await cadre.getByText('公布评选结果', { exact: true }).click();
    await cadre.getByText('结果已公布').waitFor();
    await cadre.locator('.candidate-card', { hasText: '李小哥' }).locator('.candidate-winner').waitFor();
    await expect(cadre.locator('.round-page').innerText()).resolves.toContain(STORY);
    await checkedScreenshot(cadre, 'voice-9-results');

    await li.goto(`${server.url}/#/pages/me/index`);
    await li.getByText(`★ ${ROUND}`).waitFor();
    await settled(li, '.me-page');
    await checkedScreenshot(li, 'voice-10-profile-award');
  });
});
