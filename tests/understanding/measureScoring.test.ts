import { strict as assert } from 'node:assert';
import { answerBody, says } from '../../src/cli/measure';

/**
 * How the understanding measurement decides that an answer says a labelled fact (docs/understanding.md). A number is a
 * whole number of the answer's body: the footer's random answer id ("answer 12ca60c3") once made "12" count as said
 * on some runs and not on others.
 */
describe('Understanding measurement: a fact said by the answer', () => {
  it('When a number appears only inside the footer\'s answer id, then it is not said', () => {
    const text = 'Users · type Guest · count\n**69 users**.\nEntra Assistant · planAnswer · answer 12ca60c3\n[👍 Helpful] [👎 Not helpful]';
    assert.equal(says(answerBody(text).toLowerCase(), '12'), false);
    assert.equal(says(answerBody(text).toLowerCase(), '69'), true);
  });

  it('When a number is part of a longer number or a date, then it is not said; standing alone, it is', () => {
    assert.equal(says('**18 sign-ins**', '8'), false);
    assert.equal(says('2026-11-08 12:00 utc', '8'), false);
    assert.equal(says('1,208 sign-ins', '208'), false);
    assert.equal(says('**8 sign-ins**.', '8'), true);
    assert.equal(says('blocked (8)', '8'), true);
  });

  it('When the fact is 0, then "no …", "none" or "nobody" says it', () => {
    assert.equal(says('no interactive sign-ins for lynne robbins today.', '0'), true);
    assert.equal(says('2026-11-20 00:00 utc – 2026-11-20 12:00 utc', '0'), false);
  });

  it('When a fact is words, then it is found as written', () => {
    assert.equal(says('manager: sofia williams', 'sofia williams'), true);
    assert.equal(says('manager: sofia williams', 'patti fernandez'), false);
  });
});
