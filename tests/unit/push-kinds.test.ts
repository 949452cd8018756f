import { PUSH_KINDS, parseTemplate, templateVariable } from '../../types/push-kinds';

describe('a template per kind of message', () => {
  it('names one setting per kind', () => {
    expect(templateVariable('reviewDecided')).toBe('RIDER_HUB_TEMPLATE_REVIEW_DECIDED');
    expect(templateVariable('consultReminder')).toBe('RIDER_HUB_TEMPLATE_CONSULT_REMINDER');
    expect(new Set(PUSH_KINDS.map(templateVariable)).size).toBe(PUSH_KINDS.length);
  });

  it('reads the template id, with the keys for title and body when the template differs', () => {
    expect(parseTemplate('tmpl-AbC_1')).toEqual({ id: 'tmpl-AbC_1', titleKey: 'thing1', bodyKey: 'thing2' });
    expect(parseTemplate(' tmpl-2:thing3,thing5 ')).toEqual({ id: 'tmpl-2', titleKey: 'thing3', bodyKey: 'thing5' });
  });

  it('has no template for an unset or empty setting: the kind is skipped', () => {
    expect(parseTemplate(undefined)).toBeNull();
    expect(parseTemplate('')).toBeNull();
    expect(parseTemplate('  ')).toBeNull();
  });
});
