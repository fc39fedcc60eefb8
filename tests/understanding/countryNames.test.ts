import { strict as assert } from 'node:assert';
import { extractCountryQualifiers } from '../../src/understanding/entities/places';
import { SpanSet } from '../../src/understanding/text/spans';
import { countryIndex } from '../../src/plans/vocabulary';

/** Countries that are as often given names: alone, they are read as a person (src/understanding/entities/places.ts). */
const GIVEN_NAMES = new Set(['jordan', 'chad', 'georgia', 'india', 'israel', 'kenya', 'chile', 'niger', 'jamaica', 'america', 'panama', 'peru']);

describe('Country names in a message', () => {
  it('When a message is one country name or alias (up to four words) standing alone, then that country is found, for every name the index knows', () => {
    // The look-up skips a word that begins no country's name: this holds it to every name, CLDR's and the aliases.
    const names = [...countryIndex()].filter(([name]) => name.split(' ').length <= 4 && !GIVEN_NAMES.has(name));
    assert.ok(names.length > 250, `${names.length} names`);
    const missed = names.filter(([name, code]) => {
      const spans = new SpanSet();
      extractCountryQualifiers(`${name}, this week`, spans);
      return spans.spans[0]?.entity?.value !== code;
    });
    assert.deepEqual(missed, []);
  });

  it('When no word of a message begins a country name, then nothing is claimed; when one does, only the country is', () => {
    const none = new SpanSet();
    extractCountryQualifiers("why can't Megan sign in?", none);
    assert.deepEqual(none.spans, []);
    const some = new SpanSet();
    extractCountryQualifiers('sign-ins from United Kingdom users', some);
    assert.deepEqual(some.spans.map((s) => [s.entity?.value, s.entity?.text]), [['GB', 'United Kingdom']]);
  });
});
