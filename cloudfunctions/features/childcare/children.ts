/** A guardian's children: added with consent, within the children-per-guardian limit, listed and read masked. */
import { PROGRAMME_LIMITS, type ChildDetail, type OutputOf, type ParsedInputOf } from '../../../types';
import { sealField } from '../../core/crypto';
import { conflict, forbidden, invalid, notFound } from '../../core/errors';
import type { Ctx } from '../../core/runtime';
import { StoreConflict } from '../../core/store/docstore.port';
import { findAll } from '../../core/store/find-all';
import { shanghaiDay } from '../../core/time';
import { ageOn } from './childcare-rules';
import { children, childSlots, type ChildDoc } from './collections';
import { maskedChild, openChild } from './views';

/**
 * The guardian adds a child after accepting the current consent notice; without that nothing is stored. The child
 * takes one of the guardian's places (`<guardian>:<n>`, inserted with the child in one transaction), so the limit
 * holds when children are added at once: the count only says where free places start.
 */
export async function addChild(ctx: Ctx, input: ParsedInputOf<'childcare', 'addChild'>): Promise<OutputOf<'childcare', 'addChild'>> {
  const { user, deps, now } = ctx;
  const today = shanghaiDay(now);
  if (input.birthDate > today || ageOn(input.birthDate, today) > 18) throw invalid('请填写正确的出生日期');
  const key = deps.secrets.fieldKey;
  const doc: ChildDoc = {
    _id: deps.newId(),
    guardianId: user._id,
    nameEnc: sealField(input.name, key),
    birthDateEnc: sealField(input.birthDate, key),
    emergencyPhoneEnc: sealField(input.emergencyPhone, key),
    ...(input.school ? { schoolEnc: sealField(input.school, key) } : {}),
    ...(input.allergies ? { allergiesEnc: sealField(input.allergies, key) } : {}),
    consent: { version: input.consent.version, acceptedAt: now.toISOString() },
    createdAt: now.toISOString(),
  };
  const added = await deps.store.count(children, { guardianId: user._id });
  for (let place = added + 1; place <= PROGRAMME_LIMITS.childrenPerGuardian; place++) {
    try {
      await deps.store.transaction(async (tx) => {
        await tx.insert(childSlots, { _id: `${user._id}:${place}`, childId: doc._id });
        await tx.insert(children, doc);
      });
      return { child: maskedChild(doc, key, today) };
    } catch (error) {
      // Taken by a child added at the same moment: the next place.
      if (!(error instanceof StoreConflict)) throw error;
    }
  }
  throw conflict(`最多可添加 ${PROGRAMME_LIMITS.childrenPerGuardian} 个孩子`);
}

export async function childrenOf(ctx: Ctx): Promise<OutputOf<'childcare', 'children'>> {
  const { user, deps, now } = ctx;
  const list = await findAll(deps.store, children, { where: { guardianId: user._id }, orderBy: [['createdAt', 'asc']] });
  return { children: list.map((c) => maskedChild(c, deps.secrets.fieldKey, shanghaiDay(now))) };
}

/** The guardian's own child in clear; nobody else's. */
export async function child(ctx: Ctx, input: ParsedInputOf<'childcare', 'child'>): Promise<OutputOf<'childcare', 'child'>> {
  const { user, deps, now } = ctx;
  const c = await deps.store.get(children, input.id);
  if (!c) throw notFound('找不到这个孩子');
  if (c.guardianId !== user._id) throw forbidden('只有监护人本人可以查看孩子的信息');
  const clear = openChild(c, deps.secrets.fieldKey);
  const detail: ChildDetail = { id: c._id, ...clear, age: ageOn(clear.birthDate, shanghaiDay(now)), consentVersion: c.consent.version };
  return { child: detail };
}
