import { useCallback, useEffect, useState } from 'react';
import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Org } from '../../../../types/orgs';
import type { User } from '../../../../types/account';
import { api } from '../../../api';
import { FormSection, PickerField, TextSection } from '../../../components/form-kit';
import { orgChoices } from '../../../components/labels/org-path';
import { markReviewsChanged } from '../../../lib/review-refresh';
import { PAGES, pageLink } from '../../../../types/pages';
import { askToNotify } from '../../../lib/subscribe';
import './form.css';
import { errorText } from '../../../lib/error-text';

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
      const [{ user }, { orgs }] = await Promise.all([api.account.me(), api.orgs.tree()]);
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
    await askToNotify(['reviewDecided']);
    try {
      const { reviewId } = await submit();
      markReviewsChanged();
      void Taro.showToast({ title: '已提交申请', icon: 'success' });
      void Taro.redirectTo({ url: pageLink(PAGES.reviewItem.detail, { id: reviewId }) });
    } catch (e) {
      setSubmitError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return { load, reload, orgId, setOrgId, errors, clear, onEdit, submitError, busy, validate, send };
}

/** The optional free-text note at the end of a form. */
export function NoteSection({ value, placeholder, onInput }: { value: string; placeholder: string; onInput: (value: string) => void }) {
  return (
    <TextSection label='备注（选填）' multiline className='apply-form__textarea' value={value} maxlength={200} placeholder={placeholder} onInput={onInput} />
  );
}

/** 所属团委: a picker over the committees by their full path. */
export function OrgSection({ orgs, orgId, error, onPick }: { orgs: Org[]; orgId?: string; error?: string; onPick: (id?: string) => void }) {
  const choices = orgChoices(orgs);
  if (choices.length === 0) {
    return (
      <FormSection label='所属团委' error={error}>
        <Text className='apply-form__hint'>暂无可选的团委</Text>
      </FormSection>
    );
  }
  return (
    <PickerField
      label='所属团委'
      range={choices.map((c) => c.label)}
      index={choices.findIndex((c) => c.id === orgId)}
      placeholder='请选择所属团委'
      className='apply-form__org'
      error={error}
      onPick={(i) => onPick(choices[i]?.id)}
    />
  );
}
