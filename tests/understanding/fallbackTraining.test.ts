import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { FallbackTraining } from '../../src/understanding/fallbackTraining';
import type { IntentClassifier } from '../../src/understanding/types';

const classifier: IntentClassifier = { classify: async () => 'help' };

describe('The fallback classifier is trained after start-up, in the background', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers();
  });
  afterEach(() => clock.restore());

  it('When the delay has not passed, then nothing is trained and the grammar answers alone; once it passes, the classifier is there', async () => {
    const train = sinon.stub().resolves(classifier);
    const training = new FallbackTraining(train, () => assert.fail('no error expected'));
    training.startAfter(1000);
    await clock.tickAsync(999);
    assert.equal(train.callCount, 0);
    assert.equal(training.current, undefined);
    await clock.tickAsync(1);
    await training.ready;
    assert.equal(train.callCount, 1);
    assert.equal(training.current, classifier);
  });

  it('When training fails, then the error is reported, ready settles, and there is no classifier', async () => {
    const errors: unknown[] = [];
    const training = new FallbackTraining(() => Promise.reject(new Error('no data')), (err) => errors.push(err));
    training.startAfter(10);
    await clock.tickAsync(10);
    await training.ready;
    assert.equal(training.current, undefined);
    assert.match(String(errors[0]), /no data/);
  });

  it('When the bot stops before training began, then it never trains and ready settles', async () => {
    const train = sinon.stub().resolves(classifier);
    const training = new FallbackTraining(train, () => undefined);
    training.startAfter(1000);
    training.cancel();
    await training.ready;
    await clock.tickAsync(5000);
    assert.equal(train.callCount, 0);
  });

  it('When started twice, then it trains once', async () => {
    const train = sinon.stub().resolves(classifier);
    const training = new FallbackTraining(train, () => undefined);
    training.startAfter(10);
    training.startAfter(10);
    await clock.tickAsync(20);
    await training.ready;
    assert.equal(train.callCount, 1);
  });
});

describe('The fallback classifier the build trained', function () {
  this.timeout(60_000);

  it('When the bot starts, then it loads the model npm run build wrote, which classifies as a classifier trained now', async () => {
    const { loadFallbackClassifier, FALLBACK_MODEL_FILE } = await import('../../src/understanding/fallbackModel');
    const { existsSync } = await import('node:fs');
    assert.ok(existsSync(FALLBACK_MODEL_FILE), `${FALLBACK_MODEL_FILE} is written by npm run build`);
    const { trainNlpjsClassifier } = await import('../../src/understanding/nlpjsClassifier');
    const { FALLBACK_TRAINING } = await import('../../src/understanding/training');
    const [loaded, here] = await Promise.all([loadFallbackClassifier(), trainNlpjsClassifier(FALLBACK_TRAINING, 'masked')]);
    for (const question of ['who approved that change to the finance group', 'is the payroll app at risk', 'order pizza for the team']) {
      const [a, b] = await Promise.all([loaded.classifyScored!(question), here.classifyScored!(question)]);
      assert.equal(a.intent, b.intent, question);
      assert.ok(Math.abs(a.score - b.score) < 1e-9, `${question}: ${a.score} vs ${b.score}`);
    }
  });
});
