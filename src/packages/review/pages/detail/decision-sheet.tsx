import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { Decision } from '../../../../../types/review';
import type { DecisionCopy } from '../../kinds';

interface Props {
  decision: Decision;
  /** How this decision reads for the item's kind. */
  copy: DecisionCopy;
  itemTitle: string;
  busy: boolean;
  /** A failure that keeps the sheet open (network, permission). */
  error: string;
  onConfirm: (note: string) => void;
  onCancel: () => void;
}

/** The bottom panel of a decision: an optional note (required to send back or reject) and one confirm button. */
export function DecisionSheet({ decision, copy, itemTitle, busy, error, onConfirm, onCancel }: Props) {
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);

  const confirm = () => {
    const trimmed = note.trim();
    if (copy.required && !trimmed) {
      setMissing(true);
      return;
    }
    onConfirm(trimmed);
  };

  return (
    <View className='decision-sheet'>
      <View className='decision-sheet__mask' onClick={busy ? undefined : onCancel} />
      <View className='decision-sheet__panel'>
        <Text className='decision-sheet__title'>{copy.title}</Text>
        <Text className='decision-sheet__item'>{itemTitle}</Text>
        {copy.presets.length > 0 ? (
          <View className='decision-sheet__presets'>
            {copy.presets.map((p) => (
              <View
                key={p}
                className='decision-sheet__preset'
                onClick={() => {
                  setNote(p);
                  setMissing(false);
                }}
              >
                {p}
              </View>
            ))}
          </View>
        ) : null}
        <Textarea
          className='decision-sheet__note'
          value={note}
          placeholder={copy.placeholder}
          maxlength={500}
          fixed
          onInput={(e) => {
            setNote(e.detail.value);
            if (e.detail.value.trim()) setMissing(false);
          }}
        />
        {missing && copy.required ? <Text className='decision-sheet__error'>{copy.required}</Text> : null}
        {error ? <Text className='decision-sheet__error'>{error}</Text> : null}
        {/* `|| undefined`: Taro H5 writes disabled={false} as an attribute, which greys the button out. */}
        <View className='decision-sheet__buttons'>
          <Button className='secondary-button decision-sheet__cancel' onClick={onCancel} disabled={busy || undefined}>
            取消
          </Button>
          <Button
            className={`primary-button decision-sheet__confirm decision-sheet__confirm--${decision}`}
            onClick={confirm}
            disabled={busy || undefined}
            loading={busy || undefined}
          >
            {copy.confirm}
          </Button>
        </View>
      </View>
    </View>
  );
}
