import type { ComponentType } from 'react';
import type { Decision, ReviewItem } from '../../../../types/review';

/** How a decision reads for one kind: its button, the sheet's title and confirm, and whether a note is required. */
export interface DecisionCopy {
  button: string;
  title: string;
  confirm: string;
  placeholder: string;
  presets: string[];
  /** The message when the note is left empty; null when the note is optional. */
  required: string | null;
}

/**
 * What a kind of review item shows: its details as people read them, for the reviewers and for the submitter alike,
 * and the decisions it offers (those it leaves out are not offered, e.g. a case is never sent back for more).
 */
export interface KindView {
  Details: ComponentType<{ item: ReviewItem }>;
  decisions: Partial<Record<Decision, DecisionCopy>>;
}

export const APPROVE: DecisionCopy = { button: '通过', title: '通过这条申请', confirm: '确认通过', placeholder: '备注（选填）', presets: [], required: null };
export const NEEDS_INFO: DecisionCopy = {
  button: '退回补充',
  title: '退回补充材料',
  confirm: '确认退回',
  placeholder: '请写明需要补充什么（必填）',
  presets: ['请补充现场照片', '请补充详细地址', '信息不完整，请补充'],
  required: '请写明需要补充的材料',
};
export const REJECT: DecisionCopy = {
  button: '不通过',
  title: '不通过这条申请',
  confirm: '确认不通过',
  placeholder: '请写明不通过的原因（必填）',
  presets: ['信息不实', '重复申请', '不符合登记条件'],
  required: '请写明不通过的原因',
};

/** The usual three: 通过, 退回补充, 不通过. */
export const STANDARD_DECISIONS: KindView['decisions'] = { approve: APPROVE, 'needs-info': NEEDS_INFO, reject: REJECT };
