import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { linkPolicy } from '../../src/understanding/entities/knownNames';
import { DemoStack } from '../support/demoStack';

const POLICIES = [
  'Require MFA for administrators',
  'Require MFA for all users',
  'Require MFA for guests',
  'Require compliant device for Office 365',
  'Block legacy authentication',
  'Block Azure management from untrusted locations',
  'Require password change for high-risk users',
  'Sign-in frequency for unmanaged devices',
].map((displayName, i) => ({ id: `p${i}`, displayName }));

describe('Conditional Access policies named in an admin\'s own words (issue #13, entity linking)', () => {
  it('When the words are a short form of one policy\'s name, then that policy is linked', () => {
    assert.equal(linkPolicy('mfa for admins', POLICIES)?.displayName, 'Require MFA for administrators');
    assert.equal(linkPolicy('guest MFA', POLICIES)?.displayName, 'Require MFA for guests');
    assert.equal(linkPolicy('azure management', POLICIES)?.displayName, 'Block Azure management from untrusted locations');
    assert.equal(linkPolicy('high-risk password change', POLICIES)?.displayName, 'Require password change for high-risk users');
    assert.equal(linkPolicy('compliant device', POLICIES)?.displayName, 'Require compliant device for Office 365');
  });

  it('When the words fit several policies equally or none well, then nothing is linked', () => {
    assert.equal(linkPolicy('mfa', POLICIES), undefined);
    assert.equal(linkPolicy('printer quota', POLICIES), undefined);
  });

  describe('through the whole stack', function () {
    this.timeout(120_000);
    let stack: DemoStack;
    before(async () => {
      stack = await DemoStack.onDemoTenant([DEMO_ADMIN]);
    });
    after(async () => {
      await stack.stop();
    });

    it('When an admin names a policy loosely, then the answer is about the tenant\'s policy of that name', async () => {
      const answer = await stack.ask('does the guest MFA policy exclude anyone?', DEMO_ADMIN.userPrincipalName);
      assert.equal(answer.intent, 'policy.info');
      const policy = (answer.entities as Array<{ type: string; displayName?: string; resolution?: string }>).find((e) => e.type === 'policy');
      assert.equal(policy?.displayName, 'Require MFA for guests');
      assert.equal(policy?.resolution, 'resolved');
      assert.match(answer.text, /Require MFA for guests/);
    });
  });
});
