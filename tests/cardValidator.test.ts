import * as assert from 'node:assert/strict';
import { CARD_SCHEMA_URL, TEAMS_CARD_BYTE_LIMIT, validateAdaptiveCard } from './support/cardValidator';

type Json = Record<string, unknown>;

/** A valid Teams card around the given body; `extra` overrides or adds root properties. */
function cardWith(body: Json[], extra: Json = {}): Json {
  return { type: 'AdaptiveCard', version: '1.5', $schema: CARD_SCHEMA_URL, msteams: { width: 'Full' }, body, ...extra };
}

/** Asserts exactly one problem names `path` and mentions `fragment` (case-insensitive). */
function assertOneProblem(problems: string[], path: string, fragment: string): void {
  const atPath = problems.filter((problem) => problem.startsWith(`${path}: `));
  assert.equal(atPath.length, 1, `expected one problem at ${path}, got ${JSON.stringify(problems)}`);
  assert.match(atPath[0], new RegExp(fragment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'));
}

/** A card using much of 1.5: every container, the table, inputs, all five actions, Teams' msteams. */
function richCard(): Json {
  return cardWith(
    [
      { type: 'TextBlock', text: 'Sign-in failures', size: 'Large', weight: 'Bolder', style: 'heading', wrap: true },
      {
        type: 'ColumnSet',
        columns: [
          { type: 'Column', width: 'auto', items: [{ type: 'Image', url: 'https://example.org/a.png', style: 'Person', size: 'small' }] },
          { type: 'Column', width: 'stretch', items: [{ type: 'FactSet', facts: [{ title: 'User', value: 'Ann' }] }] },
          { type: 'Column', width: 2, items: [{ type: 'RichTextBlock', inlines: ['plain ', { type: 'TextRun', text: 'bold', weight: 'bolder' }] }] },
        ],
      },
      {
        type: 'Table',
        firstRowAsHeader: true,
        gridStyle: 'accent',
        columns: [{ width: 1 }, { width: '80px' }],
        rows: [
          {
            type: 'TableRow',
            cells: [
              { type: 'TableCell', items: [{ type: 'TextBlock', text: 'When' }] },
              { type: 'TableCell', items: [{ type: 'TextBlock', text: 'Code', color: 'attention' }] },
            ],
          },
        ],
      },
      { type: 'Container', id: 'details', isVisible: false, style: 'emphasis', items: [{ type: 'TextBlock', text: 'More' }] },
      {
        type: 'ActionSet',
        actions: [{ type: 'Action.ToggleVisibility', title: 'Details', targetElements: ['details', { elementId: 'details', isVisible: true }] }],
      },
      { type: 'Input.ChoiceSet', id: 'period', label: 'Period', style: 'filtered', choices: [{ title: '7 days', value: '7' }] },
      { type: 'Input.Text', id: 'comment', label: 'Comment', isRequired: true, errorMessage: 'Say something', isMultiline: true },
    ],
    {
      actions: [
        { type: 'Action.Execute', verb: 'refresh', title: 'Refresh', data: { question: 'q' }, mode: 'primary' },
        { type: 'Action.OpenUrl', title: 'Open in Entra', url: 'https://entra.microsoft.com/' },
        { type: 'Action.Submit', title: 'Ask', data: { msteams: { type: 'messageBack', text: 'ask' } } },
        { type: 'Action.ShowCard', title: 'Why', card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Because' }] } },
      ],
    },
  );
}

describe('validateAdaptiveCard', () => {
  it('When a card uses only Adaptive Cards 1.5 elements, actions and values, then no problem is reported', () => {
    assert.deepEqual(validateAdaptiveCard(richCard()), []);
  });

  it('When the input is not an object, then that is the problem', () => {
    assertOneProblem(validateAdaptiveCard('not a card'), '(card)', 'must be a JSON object');
  });

  it('When the root type is not AdaptiveCard, then it is reported once', () => {
    const problems = validateAdaptiveCard(cardWith([{ type: 'TextBlock', text: 'hi' }], { type: 'HeroCard' }));
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assertOneProblem(problems, 'type', '"HeroCard" must be "AdaptiveCard"');
  });

  it('When an element type is unknown, then its type is reported once', () => {
    const problems = validateAdaptiveCard(cardWith([{ type: 'TextBlox', text: 'hi' }]));
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assertOneProblem(problems, 'body[0].type', '"TextBlox" is not an Adaptive Cards 1.5 element');
  });

  it('When an element has a property 1.5 does not define, then the property is reported', () => {
    const problems = validateAdaptiveCard(cardWith([{ type: 'TextBlock', text: 'hi', colour: 'good' }]));
    assertOneProblem(problems, 'body[0].colour', 'TextBlock has no property "colour"');
  });

  it('When an enum value is not allowed, then the property is reported once with the allowed values', () => {
    const problems = validateAdaptiveCard(cardWith([{ type: 'TextBlock', text: 'hi', size: 'huge' }]));
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assertOneProblem(problems, 'body[0].size', 'is not one of default, small, medium, large, extraLarge');
  });

  it('When spacing, horizontalAlignment or a container style is wrong, then each is reported', () => {
    const problems = validateAdaptiveCard(
      cardWith([{ type: 'Container', spacing: 'huge', style: 'loud', items: [{ type: 'Image', url: 'https://a.b/c.png', horizontalAlignment: 'middle' }] }]),
    );
    assertOneProblem(problems, 'body[0].spacing', '"huge" is not one of');
    assertOneProblem(problems, 'body[0].style', '"loud" is not one of');
    assertOneProblem(problems, 'body[0].items[0].horizontalAlignment', '"middle" is not one of');
  });

  it('When a 1.6 element is used, even with a fallback, then it is reported', () => {
    const carousel = { type: 'Carousel', pages: [], fallback: { type: 'TextBlock', text: 'old client' } };
    assertOneProblem(validateAdaptiveCard(cardWith([carousel])), 'body[0].type', '"Carousel" is not an Adaptive Cards 1.5 element');
  });

  it('When a 1.6 property is used, then it is reported as unknown in 1.5', () => {
    const problems = validateAdaptiveCard(
      cardWith([{ type: 'TextBlock', text: 'hi' }], {
        actions: [{ type: 'Action.OpenUrl', title: 'Open', url: 'https://example.org', role: 'Link' }],
      }),
    );
    assertOneProblem(problems, 'actions[0].role', 'Action.OpenUrl has no property "role"');
  });

  it('When the card declares version 1.6, then the version is reported', () => {
    const problems = validateAdaptiveCard(cardWith([{ type: 'TextBlock', text: 'hi' }], { version: '1.6' }));
    assertOneProblem(problems, 'version', 'newer than Adaptive Cards 1.5');
  });

  it('When the root card has no version or no $schema, or a wrong $schema, then each is reported', () => {
    const bare = cardWith([{ type: 'TextBlock', text: 'hi' }]);
    delete bare.version;
    delete bare.$schema;
    const problems = validateAdaptiveCard(bare);
    assertOneProblem(problems, 'version', 'requires "version"');
    assertOneProblem(problems, '$schema', 'requires "$schema"');
    const wrong = validateAdaptiveCard(cardWith([{ type: 'TextBlock', text: 'hi' }], { $schema: 'https://adaptivecards.io/x.json' }));
    assertOneProblem(wrong, '$schema', `is not "${CARD_SCHEMA_URL}"`);
  });

  it('When a TextBlock has no text, then its text is reported missing', () => {
    assertOneProblem(validateAdaptiveCard(cardWith([{ type: 'TextBlock', wrap: true }])), 'body[0].text', 'TextBlock requires "text"');
  });

  it('When a TextBlock text is blank, then it is reported empty', () => {
    assertOneProblem(validateAdaptiveCard(cardWith([{ type: 'TextBlock', text: '  ' }])), 'body[0].text', 'is empty');
  });

  it('When an Image has no url, then its url is reported missing', () => {
    assertOneProblem(validateAdaptiveCard(cardWith([{ type: 'Image', altText: 'logo' }])), 'body[0].url', 'Image requires "url"');
  });

  it('When an Action.OpenUrl has no url, then its url is reported once', () => {
    const problems = validateAdaptiveCard(cardWith([{ type: 'TextBlock', text: 'hi' }], { actions: [{ type: 'Action.OpenUrl', title: 'Open' }] }));
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assertOneProblem(problems, 'actions[0].url', 'Action.OpenUrl requires "url"');
  });

  it('When an Action.Execute has no verb, then the verb is reported missing', () => {
    const problems = validateAdaptiveCard(cardWith([{ type: 'TextBlock', text: 'hi' }], { actions: [{ type: 'Action.Execute', title: 'Go' }] }));
    assertOneProblem(problems, 'actions[0].verb', 'Action.Execute requires "verb"');
  });

  it('When an input has no id, then the id is reported missing', () => {
    const problems = validateAdaptiveCard(cardWith([{ type: 'Input.Text', label: 'Name' }]));
    assertOneProblem(problems, 'body[0].id', 'Input.Text requires "id"');
  });

  it('When a fact or a choice lacks its value, then that entry is reported', () => {
    const problems = validateAdaptiveCard(
      cardWith([
        { type: 'FactSet', facts: [{ title: 'User', value: 'Ann' }, { title: 'Role' }] },
        { type: 'Input.ChoiceSet', id: 'pick', choices: [{ title: 'A' }] },
      ]),
    );
    assertOneProblem(problems, 'body[0].facts[1].value', 'Fact requires "value"');
    assertOneProblem(problems, 'body[1].choices[0].value', 'Input.Choice requires "value"');
  });

  it('When a container, column, table, row, cell or ActionSet lacks its content, then each is reported', () => {
    const problems = validateAdaptiveCard(
      cardWith([
        { type: 'Container' },
        { type: 'ColumnSet', columns: [{ type: 'Column' }] },
        { type: 'Table', columns: [{ width: 1 }], rows: [{ type: 'TableRow', cells: [{ type: 'TableCell' }] }, { type: 'TableRow' }] },
        { type: 'ActionSet' },
        { type: 'Table' },
      ]),
    );
    assertOneProblem(problems, 'body[0].items', 'Container requires "items"');
    assertOneProblem(problems, 'body[1].columns[0].items', 'Column requires "items"');
    assertOneProblem(problems, 'body[2].rows[0].cells[0].items', 'TableCell requires "items"');
    assertOneProblem(problems, 'body[2].rows[1].cells', 'TableRow requires "cells"');
    assertOneProblem(problems, 'body[3].actions', 'ActionSet requires "actions"');
    assertOneProblem(problems, 'body[4].columns', 'Table requires "columns"');
    assertOneProblem(problems, 'body[4].rows', 'Table requires "rows"');
  });

  it('When two elements share an id, then the second is reported with the path of the first', () => {
    const problems = validateAdaptiveCard(
      cardWith([
        { type: 'TextBlock', text: 'a', id: 'summary' },
        { type: 'Container', items: [{ type: 'TextBlock', text: 'b', id: 'summary' }] },
      ]),
    );
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assertOneProblem(problems, 'body[1].items[0].id', 'id "summary" is already used by body[0]');
  });

  it('When a template expression is left in the rendered card, then the string holding it is reported', () => {
    const problems = validateAdaptiveCard(
      cardWith([{ type: 'FactSet', facts: [{ title: 'User', value: 'Hello ${name}' }] }, { type: 'TextBlock', text: 'x', $when: '${show}' }]),
    );
    assertOneProblem(problems, 'body[0].facts[0].value', 'leftover template expression "${name}"');
    assert.ok(problems.some((problem) => problem.startsWith('body[1].$when: ') && /leftover template key/.test(problem)), JSON.stringify(problems));
  });

  it('When a problem is deep in the card, then its path names every step to it', () => {
    const problems = validateAdaptiveCard(
      cardWith([
        { type: 'TextBlock', text: 'a' },
        { type: 'TextBlock', text: 'b' },
        {
          type: 'ColumnSet',
          columns: [{ type: 'Column', items: [{ type: 'TextBlock', text: 'c' }, { type: 'TextBlock', text: 'd', color: 'pink' }] }],
        },
      ]),
    );
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assertOneProblem(problems, 'body[2].columns[0].items[1].color', '"pink" is not one of');
  });

  it('When a nested ShowCard card has a fault, then its path runs through the action', () => {
    const problems = validateAdaptiveCard(
      cardWith([{ type: 'TextBlock', text: 'a' }], {
        actions: [{ type: 'Action.ShowCard', title: 'More', card: { type: 'AdaptiveCard', body: [{ type: 'Image' }] } }],
      }),
    );
    assertOneProblem(problems, 'actions[0].card.body[0].url', 'Image requires "url"');
  });

  it('When Action.ShowCard is used as a selectAction, then it is reported as not allowed there', () => {
    const problems = validateAdaptiveCard(
      cardWith([{ type: 'Container', items: [{ type: 'TextBlock', text: 'a' }], selectAction: { type: 'Action.ShowCard', card: { type: 'AdaptiveCard', body: [] } } }]),
    );
    assertOneProblem(problems, 'body[0].selectAction.type', 'Action.ShowCard is not allowed here');
  });

  it('When an Action.ToggleVisibility targets an id no element has, then the target is reported', () => {
    const problems = validateAdaptiveCard(
      cardWith([{ type: 'ActionSet', actions: [{ type: 'Action.ToggleVisibility', title: 'Show', targetElements: ['missing'] }] }]),
    );
    assertOneProblem(problems, 'body[0].actions[0].targetElements[0]', 'no element has that id');
  });

  it('When msteams appears below the root or with a width other than Full, then it is reported', () => {
    const problems = validateAdaptiveCard(cardWith([{ type: 'TextBlock', text: 'a', msteams: { width: 'Full' } }], { msteams: { width: 'Wide' } }));
    assertOneProblem(problems, 'body[0].msteams', 'TextBlock has no property "msteams"');
    assertOneProblem(problems, 'msteams.width', '"Wide" is not one of Full');
  });

  it('When a ChoiceSet has no choices, then the adaptivecards parser reports it', () => {
    const problems = validateAdaptiveCard(cardWith([{ type: 'Input.ChoiceSet', id: 'pick', choices: [] }]));
    assertOneProblem(problems, 'body[0].choices', 'must have at least one choice');
    assert.match(problems[0], /\(adaptivecards parser\)$/);
  });

  it('When the card JSON is over 28 KB, then its size is reported', () => {
    const body = Array.from({ length: 400 }, (_, index) => ({ type: 'TextBlock', text: `${index} ${'x'.repeat(80)}` }));
    const card = cardWith(body);
    assert.ok(Buffer.byteLength(JSON.stringify(card)) > TEAMS_CARD_BYTE_LIMIT);
    assertOneProblem(validateAdaptiveCard(card), '(card)', "over Teams' 28 KB limit");
    assert.deepEqual(validateAdaptiveCard(cardWith(body.slice(0, 100))), []);
  });
});
