import { strict as assert } from 'node:assert';
import { notYetAnsweredSkill } from '../../src/skills/notYetAnswered';
import { notFoundText } from '../../src/understanding/clarification';

describe('Text answers that repeat tenant names', () => {
  it('When a display name carries Markdown, then the answer shows it as text, not as a link or bold', async () => {
    const answer = await notYetAnsweredSkill.answer({
      understanding: {
        intent: 'user.info',
        text: 'who is mallory?',
        entities: [{ type: 'user', text: 'mallory', id: '1', displayName: '[click me](https://evil.example) **URGENT**', userPrincipalName: 'm_a_l@contoso.com', resolution: 'resolved' } as never],
      },
      asker: {},
      conversationType: 'personal',
      now: new Date('2026-11-20T12:00:00Z'),
    });
    assert.equal(answer.kind, 'text');
    const text = (answer as { text: string }).text;
    assert.ok(text.includes('\\[click me\\](https\\[:\\]//evil\\[.\\]example) \\*\\*URGENT\\*\\*'), text);
    assert.ok(text.includes('m\\_a\\_l@contoso.com'), text);
  });

  it('When a name is not found, then the echoed name and suggestions are escaped', () => {
    const text = notFoundText({ type: 'user', text: '<at>x</at>*', suggestions: ['_Eve_'] } as never);
    assert.ok(text.includes('\\<at\\>x\\</at\\>\\*'), text);
    assert.ok(text.includes('\\_Eve\\_'), text);
  });
});
