/** The voice subpackage's pages (app.config.ts declares the same). */
export const VOICE = {
  home: '/packages/voice/pages/home/index',
  wishes: '/packages/voice/pages/wishes/index',
  postWish: '/packages/voice/pages/post-wish/index',
  opinions: '/packages/voice/pages/opinions/index',
  sendOpinion: '/packages/voice/pages/send-opinion/index',
  answer: '/packages/voice/pages/answer/index',
  rounds: '/packages/voice/pages/rounds/index',
  round: '/packages/voice/pages/round/index',
} as const;

export const roundUrl = (id: string) => `${VOICE.round}?id=${encodeURIComponent(id)}`;
