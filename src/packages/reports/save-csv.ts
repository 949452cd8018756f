import Taro from '@tarojs/taro';
import type { OutputOf } from '../../../types';

/**
 * Hands the exported report to the person: in the browser (local mode) the CSV text is saved as a file; in WeChat
 * the server saved it to cloud storage, and its temporary link is copied to open in a browser or forward.
 */
export async function saveCsv(file: OutputOf<'reports', 'export'>): Promise<void> {
  if (file.csv !== undefined && process.env.TARO_ENV === 'h5') {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([file.csv], { type: 'text/csv;charset=utf-8' }));
    link.download = file.fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    void Taro.showToast({ title: '已导出', icon: 'success' });
    return;
  }
  if (!file.url) throw new Error('导出失败，请稍后再试');
  await Taro.setClipboardData({ data: file.url });
  await Taro.showModal({
    title: '表格已生成',
    content: `下载链接已复制（1 小时内有效）。请在浏览器中打开，或发给电脑上的同事，用 Excel 打开“${file.fileName}”。`,
    showCancel: false,
    confirmText: '知道了',
  });
}
