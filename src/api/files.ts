import Taro from '@tarojs/taro';
import { DEFAULT_MESSAGES, isEnvelope } from '../../types/errors';
import { ApiError } from './client';
import { currentOpenid } from './identity';
import { api } from '.';

/**
 * Uploads a photo the user just took and answers an address every reviewer can open: a CloudBase file ID in
 * WeChat (the Image component and previewImage read cloud:// IDs), a /files/ path on the local gateway. Either way
 * the server checks it is an image and records it for the user, so a claim can cite it.
 */
export async function uploadPhoto(tempPath: string, folder: string): Promise<string> {
  const name = `${Date.now()}-${Math.random().toString(36).slice(2, 10)}.jpg`;
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const res = await Taro.cloud.uploadFile({ cloudPath: `${folder}/${name}`, filePath: tempPath });
      // The function reads the file back: only an image within the size cap and the daily quota is kept.
      return (await api.account.registerUpload({ fileId: res.fileID })).url;
    }
    const photo = await (await fetch(tempPath)).blob();
    const openid = currentOpenid();
    const res = await fetch('/files', {
      method: 'POST',
      headers: { 'content-type': photo.type || 'image/jpeg', ...(openid ? { 'X-Rider-Hub-User': openid } : {}) },
      body: photo,
    });
    const answer: unknown = await res.json();
    if (isEnvelope<{ url: string }>(answer) && answer.ok) return answer.data.url;
    throw new ApiError('INTERNAL', isEnvelope(answer) && !answer.ok ? answer.error.message : DEFAULT_MESSAGES.INTERNAL);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('INTERNAL', '照片上传失败，请检查网络后重试');
  }
}
