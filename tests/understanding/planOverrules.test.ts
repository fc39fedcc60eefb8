import { strict as assert } from 'node:assert';
import { overruledPlan, type OverruleInput } from '../../src/understanding/planOverrules';

/** The plans a question's own intent overrules (src/understanding/planOverrules.ts), one case each, and one that stands. */
describe('Plans the question overrules', () => {
  const person = { type: 'user' as const, text: 'Bob Kelly', id: 'u1', displayName: 'Bob Kelly', resolution: 'resolved' as const, source: 'conversation' as const };
  const base: OverruleInput = { plan: { resource: 'signIns', filters: [], operation: { kind: 'list' } }, intent: 'signin.list', parsedIntent: 'signin.list', cue: '', text: '', score: 5, followUp: true, lastIntent: 'signin.list', entities: [] };

  it('When a ranked person is asked about ("is that person at risk?"), then the sign-ins plan gives way to their own page', () => {
    const rule = overruledPlan({ ...base, plan: { ...base.plan, basedOnPrevious: true }, intent: 'risk.user', parsedIntent: 'risk.user', cue: 'is that person at risk?', text: 'is that person at risk?', entities: [person] });
    assert.equal(rule?.name, "a ranked person's own page");
    assert.equal(rule?.intent, 'asked');
  });

  it('When an account fact is asked of a person ranked, then their account answers (user.info)', () => {
    const rule = overruledPlan({ ...base, intent: 'user.info', parsedIntent: 'user.info', cue: 'what department is that person in?', entities: [person] });
    assert.equal(rule?.intent, 'user.info');
  });

  it("When a person's apps are asked for expiring secrets, then the credentials answer (app.info) replaces the list", () => {
    const text = 'of the apps Irvin owns, which have a secret expiring this month?';
    assert.equal(overruledPlan({ ...base, plan: { resource: 'ownedApps', filters: [], operation: { kind: 'list' } }, intent: 'app.info', text, cue: text })?.intent, 'app.info');
  });

  it('When a sign-in list is asked for with no case above, then the plan stands', () => {
    assert.equal(overruledPlan({ ...base, cue: 'failed sign-ins this week', text: 'failed sign-ins this week' }), undefined);
  });
});
