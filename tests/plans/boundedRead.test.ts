import { strict as assert } from 'node:assert';
import { ensureDemoTenant } from '@entra-assistant/local-entra/demo';
import { createPlanSkill, type PlanCardModel } from '../../src/skills/planAnswer';
import { SkillHarness } from '../support/skillHarness';

describe('A plan that Graph cannot answer whole says what it read (issue #12)', function () {
  this.timeout(60_000);
  let harness: SkillHarness;

  before(async () => {
    // One page of 1,000 at most: the 30-day sign-in log of the demo tenant is longer than that.
    harness = await new SkillHarness(await ensureDemoTenant(), createPlanSkill({ maxPages: 1 })).start('signIns.read');
  });
  after(async () => {
    await harness.stop();
  });

  it('When a count needs a filter Graph cannot run over more pages than the bound, then the answer says where the read stopped and claims no total', async () => {
    const { answer, urls } = await harness.ask('how many sign-ins without MFA in the last 30 days?');
    assert.equal(answer.kind, 'card');
    const model = (answer as { data: PlanCardModel }).data;
    assert.equal(urls.filter((u) => u.includes("/auditLogs/signIns")).length, 1, urls.join('\n'));
    assert.match(model.headline, /^At least \*\*[\d,]+ sign-ins?\*\* in what was read\.$/);
    assert.ok(model.notes.some((n) => /^The read stopped after 1,000 sign-ins, at \d{4}-\d\d-\d\d \d\d:\d\d UTC: older ones were not read/.test(n.text)), JSON.stringify(model.notes));
  });

  it('When the same count fits in the bound, then it is complete and says nothing stopped', async () => {
    const { answer } = await harness.ask('how many sign-ins without MFA today?');
    const model = (answer as { data: PlanCardModel }).data;
    assert.match(model.headline, /^\*\*[\d,]+ sign-ins?\*\*\.$/);
    assert.ok(!model.notes.some((n) => n.text.startsWith('The read stopped')));
  });
});
