import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { STORYLINES } from '@entra-assistant/local-entra/demo';
import { DemoStack } from '../support/demoStack';
import { MAX_FIRST_RENDER_LINES, visibleLines } from './visibleLines';

describe('The first render of every storyline answer', function () {
  this.timeout(120_000);
  let stack: DemoStack;

  before(async () => {
    stack = await DemoStack.onDemoTenant([DEMO_ADMIN]);
  });
  after(async () => {
    await stack.stop();
  });

  it('When a card hides a container and shows a card inside a button, then neither counts, and text counts by 60 characters', () => {
    const card = {
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', text: 'x'.repeat(61) },
        { type: 'Container', isVisible: false, id: 'd', items: [{ type: 'TextBlock', text: 'hidden' }] },
        { type: 'FactSet', facts: [{ title: 'a', value: 'b' }, { title: 'c', value: 'd' }] },
        { type: 'Table', columns: [{ width: 1 }], rows: [{ type: 'TableRow', cells: [{ type: 'TableCell', items: [{ type: 'TextBlock', text: 'r' }] }] }] },
        { type: 'Input.Text', id: 'q' },
      ],
      actions: [{ type: 'Action.ShowCard', card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'folded' }] } }],
    };
    assert.equal(visibleLines(card).lines, 2 + 2 + 1 + 1);
  });

  for (const storyline of STORYLINES) {
    it(`When asked "${storyline.question}", then each card shows at most ${MAX_FIRST_RENDER_LINES} lines before a click`, async () => {
      const answer = await stack.ask(storyline.question, DEMO_ADMIN.userPrincipalName);
      assert.ok(answer.cards.length > 0 || answer.text, `${storyline.id}: no answer`);
      for (const card of answer.cards) {
        const { lines, parts } = visibleLines(card);
        assert.ok(
          lines <= MAX_FIRST_RENDER_LINES,
          `${storyline.id}: ${lines} lines at first render:\n${parts.map((p) => `${String(p.lines).padStart(3)} ${p.type}: ${p.text.slice(0, 90)}`).join('\n')}`,
        );
      }
    });
  }
});
