import { Button, Text, View } from '@tarojs/components';
import './index.css';

export type StateKind = 'loading' | 'empty' | 'error';

interface Props {
  kind: StateKind;
  message?: string;
  /** Shown as a big 重试 button on error (and on empty, when given). */
  onRetry?: () => void;
}

const DEFAULT_TEXT: Record<StateKind, string> = {
  loading: '加载中…',
  empty: '暂无内容',
  error: '加载失败',
};

/** Loading, empty and error states in one place, each with a retry where it helps. */
export function StateView({ kind, message, onRetry }: Props) {
  return (
    <View className={`state-view state-view--${kind}`}>
      <Text className='state-view__text'>{message ?? DEFAULT_TEXT[kind]}</Text>
      {kind !== 'loading' && onRetry ? (
        <Button className='state-view__retry' onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  );
}
