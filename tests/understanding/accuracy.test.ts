import { strict as assert } from 'node:assert';
import { GrammarRecognizer } from '../../src/understanding/grammarRecognizer';
import { InMemoryDirectory } from '../../src/understanding/inMemoryDirectory';
import { loadDirectoryListing, loadUtterances, scoreSet, type SetScore, type UtteranceSetName } from '../../src/understanding/evaluation';
import { INTENTS } from '../../src/understanding/types';

function misses(score: SetScore): string {
  return score.results
    .filter((r) => !r.intentCorrect || !r.entitiesCorrect)
    .map((r) => `${r.item.text} [${r.item.intent} → ${r.intent}] ${[...r.missing, ...r.wrong, ...r.spurious].join('; ')}`)
    .join('\n');
}

async function score(set: UtteranceSetName): Promise<SetScore> {
  return scoreSet(set, loadUtterances(set), new GrammarRecognizer({ directory: new InMemoryDirectory(loadDirectoryListing(set)) }));
}

describe('Understanding quality on the labelled utterances', () => {
  it('When the Contoso sets are counted, then they hold at least 400 utterances with a fifth or more held aside', () => {
    const train = loadUtterances('train').length;
    const test = loadUtterances('test').length;
    assert.ok(train + test >= 400, `${train + test} utterances`);
    assert.ok(test / (train + test) >= 0.2, `test split is ${test} of ${train + test}`);
  });

  it('When the held-out split is read, then every intent appears in it', () => {
    const seen = new Set(loadUtterances('test').map((u) => u.intent));
    assert.deepEqual(INTENTS.filter((i) => !seen.has(i)), []);
  });

  for (const set of ['test', 'otherTenant', 'train'] as const) {
    it(`When the ${set} set is recognised, then intent and entity accuracy are at least 95%`, async () => {
      const result = await score(set);
      assert.ok(result.intentAccuracy >= 0.95, `intent accuracy ${result.intentAccuracy}\n${misses(result)}`);
      assert.ok(result.entityAccuracy >= 0.95, `entity accuracy ${result.entityAccuracy}\n${misses(result)}`);
    });
  }
});
