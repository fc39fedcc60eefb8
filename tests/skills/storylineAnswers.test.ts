import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { STORYLINES } from '@entra-assistant/local-entra/demo';
import { repoRoot } from '../../src/paths';
import { DemoStack } from '../support/demoStack';
import { STORYLINE_GAPS } from '../support/storylineGaps';

/** The questions the README's table offers, as a newcomer would type them. */
function readmeQuestions(): string[] {
  const readme = fs.readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('| Ask | What happened |'));
  return [...table.matchAll(/^\| ([^|]+\?) \|/gm)].map((m) => m[1].trim()).filter((q) => q !== 'Ask');
}

describe('Every storyline of the demo tenant, asked as the docs ask it, through the whole stack', function () {
  this.timeout(120_000);
  let stack: DemoStack;

  before(async () => {
    stack = await DemoStack.onDemoTenant([DEMO_ADMIN]);
  });
  after(async () => {
    await stack.stop();
  });

  for (const storyline of STORYLINES) {
    const gap = STORYLINE_GAPS[storyline.id]?.why;
    (gap ? it.skip : it)(`When asked "${storyline.question}", then the answer carries ${storyline.facts.join(', ')}${gap ? ` (not yet: ${gap})` : ''}`, async () => {
      const answer = await stack.ask(storyline.question, DEMO_ADMIN.userPrincipalName);
      const missing = storyline.facts.filter((fact) => !answer.text.includes(fact));
      assert.deepEqual(missing, [], `${storyline.id}: missing ${missing.join(', ')} in:\n${answer.text}`);
    });
  }

  it('When each question of the README table is asked, then none is answered with "not found", a question back or the scope message', async () => {
    const questions = readmeQuestions();
    assert.ok(questions.length >= 10, questions.join('\n'));
    for (const question of questions) {
      const answer = await stack.ask(question, DEMO_ADMIN.userPrincipalName);
      assert.doesNotMatch(answer.text, /couldn't find|Which (?:user|group|app) do you mean|outside what I can answer|Whose sign-ins should I look at/, `${question}\n${answer.text}`);
      assert.notEqual(answer.intent, 'outOfScope', question);
    }
  });
});
