import type { ReactNode } from 'react';
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import './index.css';

/* The parts every form is made of: a labelled section with its error, text and picker fields, chips, the submit bar. */

/** One labelled block of a form, with its field's error under it. */
export function FormSection({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <View className='rh-form-section'>
      <Text className='rh-form-section__label'>{label}</Text>
      {children}
      {error ? <Text className='rh-form-error'>{error}</Text> : null}
    </View>
  );
}

interface TextSectionProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  maxlength: number;
  /** The field's own class, beside the kit's. */
  className: string;
  /** The label when not given. */
  placeholder?: string;
  error?: string;
  type?: 'text' | 'number' | 'digit';
  multiline?: boolean;
}

/** A labelled text field: one line, or several with `multiline`. */
export function TextSection({ label, value, onInput, maxlength, className, placeholder = label, error, type = 'text', multiline }: TextSectionProps) {
  return (
    <FormSection label={label} error={error}>
      {multiline ? (
        <Textarea
          className={`rh-field rh-field--multiline ${className}`}
          value={value}
          maxlength={maxlength}
          placeholder={placeholder}
          onInput={(e) => onInput(e.detail.value)}
        />
      ) : (
        <Input
          className={`rh-field ${className}`}
          type={type}
          value={value}
          maxlength={maxlength}
          placeholder={placeholder}
          onInput={(e) => onInput(e.detail.value)}
        />
      )}
    </FormSection>
  );
}

interface PickerFieldProps {
  label: string;
  /** The choices' labels; an `index` outside them shows the placeholder. */
  range: string[];
  index: number;
  onPick: (index: number) => void;
  className: string;
  placeholder?: string;
  error?: string;
}

/** A labelled choice among `range`, opening the system picker. */
export function PickerField({ label, range, index, onPick, className, placeholder = '请选择', error }: PickerFieldProps) {
  const shown = range[index];
  return (
    <FormSection label={label} error={error}>
      <Picker mode='selector' range={range} value={Math.max(0, index)} onChange={(e) => onPick(Number(e.detail.value))}>
        <View className={`rh-field rh-field--picker ${className}`} role='button' aria-label={`${label}：${shown ?? placeholder}`}>
          <Text className={`rh-field__value ${shown === undefined ? 'rh-field__value--empty' : ''}`}>{shown ?? placeholder}</Text>
        </View>
      </Picker>
    </FormSection>
  );
}

interface DateFieldProps {
  label: string;
  /** YYYY-MM-DD (mode date) or HH:mm (mode time); empty shows the placeholder. */
  value: string;
  onPick: (value: string) => void;
  className: string;
  mode?: 'date' | 'time';
  start?: string;
  end?: string;
  placeholder?: string;
  error?: string;
}

/** A labelled date or time, picked with the system picker rather than typed. */
export function DateField({ label, value, onPick, className, mode = 'date', start, end, placeholder = '请选择', error }: DateFieldProps) {
  return (
    <FormSection label={label} error={error}>
      <Picker mode={mode} value={value} start={start} end={end} onChange={(e) => onPick(String(e.detail.value))}>
        <View className={`rh-field rh-field--picker ${className}`} role='button' aria-label={`${label}：${value || placeholder}`}>
          <Text className={`rh-field__value ${value ? '' : 'rh-field__value--empty'}`}>{value || placeholder}</Text>
        </View>
      </Picker>
    </FormSection>
  );
}

interface ChipsProps<V extends string> {
  options: readonly { value: V; label: string }[];
  selected: readonly V[];
  onToggle: (value: V) => void;
  className: string;
}

/** Chips to select any of the options, each a tap target of at least 88rpx. */
export function Chips<V extends string>({ options, selected, onToggle, className }: ChipsProps<V>) {
  return (
    <View className={`rh-chips ${className}`}>
      {options.map((o) => {
        const on = selected.includes(o.value);
        return (
          <View key={o.value} className={`rh-chip ${on ? 'rh-chip--on' : ''}`} role='button' aria-pressed={on} onClick={() => onToggle(o.value)}>
            {o.label}
          </View>
        );
      })}
    </View>
  );
}

interface KitButtonProps {
  kind?: 'primary' | 'secondary';
  /** Off: looks disabled and does nothing. */
  disabled?: boolean;
  /** Working: looks disabled, shows the spinner and does nothing. */
  busy?: boolean;
  className?: string;
  onClick: () => void;
  children: ReactNode;
}

/**
 * The kit's button, whose looks and behaviour agree: it looks disabled exactly when it does nothing. (Taro H5 writes
 * `disabled={false}` as an attribute its CSS greys out, so the state is set or absent, never false.)
 */
export function KitButton({ kind = 'primary', disabled, busy, className = '', onClick, children }: KitButtonProps) {
  const off = Boolean(disabled || busy);
  return (
    <Button className={`${kind}-button ${className}`} disabled={off || undefined} loading={busy || undefined} onClick={off ? undefined : onClick}>
      {children}
    </Button>
  );
}

interface TextFieldProps {
  value: string;
  onInput: (value: string) => void;
  maxlength: number;
  className: string;
  placeholder?: string;
  type?: 'text' | 'number' | 'digit';
  onConfirm?: () => void;
}

/** A one-line input in the kit's look, its text centred in the field. */
export function TextField({ value, onInput, maxlength, className, placeholder, type = 'text', onConfirm }: TextFieldProps) {
  return (
    <Input
      className={`rh-field ${className}`}
      type={type}
      value={value}
      maxlength={maxlength}
      placeholder={placeholder}
      onInput={(e) => onInput(e.detail.value)}
      onConfirm={onConfirm ? () => onConfirm() : undefined}
    />
  );
}

interface SubmitBarProps {
  label: string;
  busy: boolean;
  /** Shown above the button; empty ones are skipped. */
  messages: string[];
  onSubmit: () => void;
  /** The button's text while busy (else a spinner). */
  busyLabel?: string;
  /** Fixed at the bottom of the screen rather than after the fields. */
  fixed?: boolean;
  className?: string;
}

/** The form's submit button with what stops it above. */
export function SubmitBar({ label, busy, messages, onSubmit, busyLabel, fixed, className = '' }: SubmitBarProps) {
  return (
    <View className={`${fixed ? 'bottom-bar' : 'rh-submit'} ${className}`}>
      {messages.map((m, i) =>
        m ? (
          <Text key={i} className='rh-form-error rh-submit__error'>
            {m}
          </Text>
        ) : null,
      )}
      <Button className='primary-button rh-submit__button' onClick={onSubmit} disabled={busy || undefined} loading={(busy && !busyLabel) || undefined}>
        {busy && busyLabel ? busyLabel : label}
      </Button>
    </View>
  );
}
