/** The consult subpackage's pages (app.config.ts declares the same). */
const ROOT = '/packages/consult/pages';

export const CONSULT_ROUTES = {
  home: `${ROOT}/index/index`,
  mine: `${ROOT}/mine/index`,
  agenda: `${ROOT}/agenda/index`,
  cases: `${ROOT}/cases/index`,
  privacy: `${ROOT}/privacy/index`,
} as const;

/** The booking page for a topic; with `move`, it moves that booking and opens on `day` (the booking's own day). */
export const bookUrl = (category: string, move?: string, day?: string) =>
  `${ROOT}/book/index?category=${encodeURIComponent(category)}${move ? `&move=${encodeURIComponent(move)}` : ''}${day ? `&day=${encodeURIComponent(day)}` : ''}`;
export const caseUrl = (id: string) => `${ROOT}/case/index?id=${encodeURIComponent(id)}`;
