import { PAGES, TAB_PAGES, pageLink } from '../../types/pages';

interface AppConfig {
  pages: string[];
  subPackages: { root: string; pages: string[] }[];
  tabBar: { list: { pagePath: string }[] };
}

// Named by a variable: the server's tsconfig does not know the mini-program's globals, so it must not check the file.
const APP_CONFIG: string = '../../src/app.config';

/** What app.config.ts declares, read the way Taro reads it (defineAppConfig is a global of the build). */
async function appConfig(): Promise<AppConfig> {
  (globalThis as { defineAppConfig?: (c: AppConfig) => AppConfig }).defineAppConfig = (c) => c;
  return ((await import(APP_CONFIG)) as { default: AppConfig }).default;
}

type Tree = string | { readonly [key: string]: Tree };
const paths = (tree: Tree): string[] => (typeof tree === 'string' ? [tree] : Object.values(tree).flatMap(paths));

describe('the page list (types/pages.ts)', () => {
  it('is what app.config.ts registers: the tab pages in the main package, every other page in its subpackage', async () => {
    const config = await appConfig();
    const main = config.pages.map((p) => `/${p}`);
    const sub = config.subPackages.flatMap((s) => s.pages.map((p) => `/${s.root}/${p}`));

    expect(main).toEqual([...TAB_PAGES]);
    expect(config.tabBar.list.map((t) => `/${t.pagePath}`)).toEqual([...TAB_PAGES]);
    expect([...main, ...sub].sort()).toEqual(paths(PAGES).sort());
    expect(new Set(paths(PAGES)).size).toBe(paths(PAGES).length);

    // A group of PAGES (e.g. PAGES.consult) is one subpackage; a page outside every group is a tab page.
    for (const [name, group] of Object.entries(PAGES)) {
      if (typeof group === 'string') {
        expect(TAB_PAGES).toContain(group);
        continue;
      }
      const roots = new Set(paths(group).map((p) => config.subPackages.find((s) => p.startsWith(`/${s.root}/`))?.root));
      expect([name, [...roots]]).toEqual([name, [expect.stringMatching(/^packages\//)]]);
    }
  });

  it('writes a link with its query encoded, leaving out what is undefined', () => {
    expect(pageLink(PAGES.consult.book, { category: 'law', move: undefined, day: '2026-01-02' })).toBe(
      '/packages/consult/pages/book/index?category=law&day=2026-01-02',
    );
    expect(pageLink(PAGES.reviewItem.detail, { id: 'a b&c' })).toBe('/packages/review/pages/detail/index?id=a%20b%26c');
    expect(pageLink(PAGES.map)).toBe('/pages/map/index');
  });
});
