import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Org } from '../../../../types/orgs';
import type { User } from '../../../../types/account';
import { me } from '../../../api/account';
import { tree } from '../../../api/orgs';
import { orgChoices } from '../../../components/labels/org-path';
import { markReviewsChanged } from '../../../lib/review-refresh';
import { reviewDetailUrl } from '../../../lib/routes';
import { errorText } from '../../../lib/use-paged';
import { askToNotifyOutcome } from '../../../lib/subscribe';
import './form.css';

/* The parts the apply forms of the review subpackage share: loading, validation, submitting, and the fields. */

type Load = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; user: User; orgs: Org[] };
export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/**
 * The signed-in user and the committees, the chosen committee (the user's own until they pick one), per-field errors,
 * and the submit flow: `validate` shows the errors found, `send` submits and opens the new review item.
 */
export function useApplyForm<F extends string>() {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [submitError, setSubmitError] = useState('');
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => {
    setLoad({ kind: 'loading' });
    try {
      const [{ user }, { orgs }] = await Promise.all([me(), tree()]);
      setLoad({ kind: 'ready', user, orgs });
      setOrgId((prev) => prev ?? user.orgId);
    } catch (e) {
      setLoad({ kind: 'error', message: errorText(e) });
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const clear = useCallback((field: F) => setErrors((prev) => ({ ...prev, [field]: undefined })), []);

  /** An input handler for `field`: sets the value and clears the field's error. */
  const onEdit =
    <V,>(field: F, set: (value: V) => void) =>
    (value: V) => {
      set(value);
      clear(field);
    };

  /** Shows `found` (and clears the last submit error); true when there is nothing to fix. */
  const validate = (found: FieldErrors<F>) => {
    setErrors(found);
    setSubmitError('');
    return Object.keys(found).length === 0;
  };

  const send = async (submit: () => Promise<{ reviewId: string }>) => {
    setBusy(true);
    await askToNotifyOutcome();
    try {
      const { reviewId } = await submit();
      markReviewsChanged();
      void Taro.showToast({ title: '已提交申请', icon: 'success' });
      void Taro.redirectTo({ url: reviewDetailUrl(reviewId) });
    } catch (e) {
      setSubmitError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return { load, reload, orgId, setOrgId, errors, clear, onEdit, submitError, busy, validate, send };
}

/** One labelled block of a form, with its field's error under it. */
export function FormSection({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <View className='apply-form__section'>
      <Text className='apply-form__label'>{label}</Text>
      {children}
      {error ? <Text className='apply-form__error'>{error}</Text> : null}
    </View>
  );
}

interface TextSectionProps {
  label: string;
  error?: string;
  /** The input's own class, beside apply-form__input. */
  className: string;
  value: string;
  maxlength: number;
  placeholder: string;
  onInput: (value: string) => void;
}

/** A labelled one-line text field. */
export function TextSection({ label, error, className, value, maxlength, placeholder, onInput }: TextSectionProps) {
  return (
    <FormSection label={label} error={error}>
      <Input
        className={`apply-form__input ${className}`}
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        onInput={(e) => onInput(e.detail.value)}
      />
    </FormSection>
  );
}

/** The optional free-text note at the end of a form. */
export function NoteSection({ value, placeholder, onInput }: { value: string; placeholder: string; onInput: (value: string) => void }) {
  return (
    <FormSection label='备注（选填）'>
      <Textarea className='apply-form__textarea' value={value} maxlength={200} placeholder={placeholder} onInput={(e) => onInput(e.detail.value)} />
    </FormSection>
  );
}

/** 所属团委: a picker over the committees by their full path. */
export function OrgSection({ orgs, orgId, error, onPick }: { orgs: Org[]; orgId?: string; error?: string; onPick: (id?: string) => void }) {
  const choices = orgChoices(orgs);
  const orgIndex = choices.findIndex((c) => c.id === orgId);
  return (
    <FormSection label='所属团委' error={error}>
      {choices.length > 0 ? (
        <Picker
          mode='selector'
          range={choices.map((c) => c.label)}
          value={Math.max(0, orgIndex)}
          onChange={(e) => onPick(choices[Number(e.detail.value)]?.id)}
        >
          <View className='apply-form__picker apply-form__org'>{choices[orgIndex]?.label ?? '请选择所属团委'}</View>
        </Picker>
      ) : (
        <Text className='apply-form__hint'>暂无可选的团委</Text>
      )}
    </FormSection>
  );
}

/** The submit button at the bottom, with the messages (empty ones skipped) above it. */
export function SubmitBar({ label, busy, messages, onSubmit }: { label: string; busy: boolean; messages: string[]; onSubmit: () => void }) {
  return (
    <View className='bottom-bar'>
      {messages.map((m, i) =>
        m ? (
          <Text key={i} className='apply-form__error apply-form__submit-error'>
            {m}
          </Text>
        ) : null,
      )}
      <Button className='primary-button apply-form__submit' onClick={onSubmit} disabled={busy || undefined} loading={busy || undefined}>
        {label}
      </Button>
    </View>
  );
}
