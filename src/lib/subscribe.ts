import Taro from '@tarojs/taro';
import { parseTemplate, templateVariable, type PushKind } from '../../types/push-kinds';

/**
 * Asks, on the rider's tap, for consent to the WeChat subscribe messages of the given kinds (at most three: WeChat's
 * limit per request). WeChat only delivers the server's message after such consent; a refusal changes nothing (the
 * in-app inbox always gets the message). Only in WeChat, and only for kinds whose template was set at build time
 * (`RIDER_HUB_TEMPLATE_<KIND>`, the same settings the functions get).
 */
export async function askToNotify(kinds: readonly PushKind[]): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return;
  const tmplIds = kinds.flatMap((kind) => parseTemplate(RIDER_HUB_TEMPLATES[templateVariable(kind)])?.id ?? []).slice(0, 3);
  if (!tmplIds.length) return;
  try {
    await Taro.requestSubscribeMessage({ tmplIds, entityIds: [] });
  } catch {
    // Refused or unavailable: the inbox still carries the message.
  }
}
