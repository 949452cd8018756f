import Taro from '@tarojs/taro';

/**
 * Asks, on the rider's tap, for consent to one WeChat subscribe message about the outcome of what they submit.
 * WeChat only delivers the server's message after such consent; a refusal changes nothing (the in-app inbox always
 * gets the outcome). Only in WeChat, and only when a template is configured at build time.
 */
export async function askToNotifyOutcome(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp' || !RIDER_HUB_SUBSCRIBE_TEMPLATE) return;
  try {
    await Taro.requestSubscribeMessage({ tmplIds: [RIDER_HUB_SUBSCRIBE_TEMPLATE], entityIds: [] });
  } catch {
    // Refused or unavailable: the inbox still carries the outcome.
  }
}
