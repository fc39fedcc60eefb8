import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { renderAnswerCard, type FooterModel } from '../src/cards/compose';
import { preloadTemplates, renderCard } from '../src/cards/render';
import { repoRoot } from '../src/paths';
import { validateAdaptiveCard } from './support/cardValidator';

const SAMPLE_DATA_SUFFIX = '.data.json';

function templatesDir(): string {
  return path.join(repoRoot(), 'adaptiveCards');
}

function sampleData(file: string): object {
  assert.ok(fs.existsSync(file), `${path.relative(repoRoot(), file)} is missing: every template needs sample data`);
  const data: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.ok(typeof data === 'object' && data !== null, `${file} must hold a JSON object`);
  return data;
}

function footerSample(): FooterModel {
  const footer = sampleData(path.join(templatesDir(), 'parts', `footer${SAMPLE_DATA_SUFFIX}`)) as Partial<FooterModel>;
  assert.equal(typeof footer.footnote, 'string', 'parts/footer.data.json needs a "footnote" string');
  return footer as FooterModel;
}

function assertValidTeamsCard(card: Record<string, unknown>): void {
  assert.deepEqual(validateAdaptiveCard(card), []);
  assert.equal(card.version, '1.5');
  assert.deepEqual((card.msteams as { width?: unknown } | undefined)?.width, 'Full');
}

describe('Adaptive Card templates', () => {
  // Listed (and parsed) by the bot's own start-up loader while mocha collects the tests, so that each template
  // gets a test of its own: every adaptiveCards/*.json but the sample data files.
  const names = preloadTemplates();

  it('When the adaptiveCards folder is read, then it holds at least one template', () => {
    assert.ok(names.length > 0, `no templates in ${templatesDir()}`);
  });

  for (const name of names) {
    it(`When ${name}.json is rendered with its sample data, then it is a valid Adaptive Card 1.5 for Teams`, () => {
      const data = sampleData(path.join(templatesDir(), `${name}${SAMPLE_DATA_SUFFIX}`));
      assertValidTeamsCard(renderCard(name, data));
    });

    it(`When ${name}.json is bound with direct field reads and the quick expansion, then the card is the one adaptivecards-templating alone makes, with its sample data and with each of its fields missing`, () => {
      const json = JSON.parse(fs.readFileSync(path.join(templatesDir(), `${name}.json`), 'utf8')) as object;
      const data = sampleData(path.join(templatesDir(), `${name}${SAMPLE_DATA_SUFFIX}`)) as Record<string, unknown>;
      const plain = (model: object) => new ACData.Template(json).expand({ $root: model }) as unknown;
      assert.deepEqual(renderCard(name, data), plain(data));
      for (const key of Object.keys(data)) {
        const { [key]: _missing, ...without } = data;
        assert.deepEqual(renderCard(name, without), plain(without), `without ${key}`);
      }
    });

    it(`When ${name}.json is rendered as an answer with the footer part, then it is still valid`, () => {
      const data = sampleData(path.join(templatesDir(), `${name}${SAMPLE_DATA_SUFFIX}`));
      assertValidTeamsCard(renderAnswerCard(name, data, footerSample()));
    });
  }
});
