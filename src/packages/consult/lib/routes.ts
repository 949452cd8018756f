/** The consult subpackage's pages (app.config.ts declares the same). */
const ROOT = '/packages/consult/pages';

export const CONSULT_ROUTES = {
  home: `${ROOT}/index/index`,
  mine: `${ROOT}/mine/index`,
  agenda: `${ROOT}/agenda/index`,
  cases: `${ROOT}/cases/index`,
  privacy: `${ROOT}/privacy/index`,
} as const;

export const bookUrl = (category: string, move?: string) =>
  `${ROOT}/book/index?category=${encodeURIComponent(category)}${move ? `&move=${encodeURIComponent(move)}` : ''}`;
export const caseUrl = (id: string) => `${ROOT}/case/index?id=${encodeURIComponent(id)}`;
