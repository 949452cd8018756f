import { Button, Text, View } from '@tarojs/components';
import './index.css';

export type StateKind = 'loading' | 'empty' | 'error';

export interface StateAction {
  label: string;
  onTap: () => void;
}

interface Props {
  kind: StateKind;
  message?: string;
  /** Shown as a big 重试 button, on error only: an empty list did not fail, so it never offers 重试. */
  onRetry?: () => void;
  /** When empty: the next useful thing to do (e.g. 清除筛选), or nothing. */
  action?: StateAction;
}

const DEFAULT_TEXT: Record<StateKind, string> = {
  loading: '加载中…',
  empty: '暂无内容',
  error: '加载失败',
};

/** Loading, empty and error states in one place: a retry on error, the next step (if any) when empty. */
export function StateView({ kind, message, onRetry, action }: Props) {
  const button = kind === 'error' && onRetry ? { label: '重试', onTap: onRetry } : kind === 'empty' ? action : undefined;
  return (
    <View className={`state-view state-view--${kind}`} role={kind === 'loading' ? 'status' : undefined}>
      <Text className='state-view__text'>{message ?? DEFAULT_TEXT[kind]}</Text>
      {button ? (
        <Button className={`state-view__button ${kind === 'error' ? 'state-view__retry' : 'state-view__action'}`} onClick={button.onTap}>
          {button.label}
        </Button>
      ) : null}
    </View>
  );
}
