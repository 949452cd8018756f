import type { ReactNode } from 'react';
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';

/* The admin forms' parts: a labelled section with its error, text, picker and chip fields, and the submit button. */

export function Section({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <View className='adm-section'>
      <Text className='adm-label'>{label}</Text>
      {children}
      {error ? <Text className='adm-error'>{error}</Text> : null}
    </View>
  );
}

interface TextFieldProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  maxlength: number;
  className: string;
  placeholder?: string;
  error?: string;
  type?: 'text' | 'number' | 'digit';
  multiline?: boolean;
}

export function TextField({ label, value, onInput, maxlength, className, placeholder, error, type = 'text', multiline }: TextFieldProps) {
  return (
    <Section label={label} error={error}>
      {multiline ? (
        <Textarea className={`adm-textarea ${className}`} value={value} maxlength={maxlength} placeholder={placeholder ?? label} onInput={(e) => onInput(e.detail.value)} />
      ) : (
        <Input
          className={`adm-input ${className}`}
          type={type}
          value={value}
          maxlength={maxlength}
          placeholder={placeholder ?? label}
          onInput={(e) => onInput(e.detail.value)}
        />
      )}
    </Section>
  );
}

interface PickerFieldProps {
  label: string;
  /** The choices' labels; `index` -1 shows the placeholder. */
  range: string[];
  index: number;
  onPick: (index: number) => void;
  className: string;
  placeholder?: string;
  error?: string;
}

export function PickerField({ label, range, index, onPick, className, placeholder = '请选择', error }: PickerFieldProps) {
  return (
    <Section label={label} error={error}>
      <Picker mode='selector' range={range} value={Math.max(0, index)} onChange={(e) => onPick(Number(e.detail.value))}>
        <View className={`adm-picker ${className}`} role='button' aria-label={`${label}：${range[index] ?? placeholder}`}>
          <Text className={index < 0 ? 'adm-picker__placeholder' : ''}>{range[index] ?? placeholder}</Text>
        </View>
      </Picker>
    </Section>
  );
}

interface ChipsProps<V extends string> {
  options: readonly { value: V; label: string }[];
  selected: readonly V[];
  onToggle: (value: V) => void;
  className: string;
}

/** Selectable chips (each a tap target of at least 88rpx). */
export function Chips<V extends string>({ options, selected, onToggle, className }: ChipsProps<V>) {
  return (
    <View className={`adm-chips ${className}`}>
      {options.map((o) => {
        const on = selected.includes(o.value);
        return (
          <View key={o.value} className={`adm-chip ${on ? 'adm-chip--on' : ''}`} role='button' aria-pressed={on} onClick={() => onToggle(o.value)}>
            {o.label}
          </View>
        );
      })}
    </View>
  );
}

export function SubmitBar({ label, busy, error, onSubmit }: { label: string; busy: boolean; error: string; onSubmit: () => void }) {
  return (
    <View className='adm-submit'>
      {error ? <Text className='adm-error adm-submit__error'>{error}</Text> : null}
      <Button className='primary-button adm-submit__button' disabled={busy || undefined} onClick={onSubmit}>
        {busy ? '正在保存…' : label}
      </Button>
    </View>
  );
}
