import { strict as assert } from 'node:assert';
import { COUNTRY_NAMES, COUNTRY_NAMES_CLDR, DEPRECATED_COUNTRY_CODES } from '../../src/plans/countryNames';
import { countryCode, countryName, isCountryCode } from '../../src/plans/vocabulary';

/** What Intl.DisplayNames says of every two-letter code on this runtime (the source the table was generated from). */
function runtimeRegions(): { names: Map<string, string>; deprecated: Set<string> } {
  const displayNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
  const names = new Map<string, string>();
  const deprecated = new Set<string>();
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = displayNames.of(code);
      if (!name || name === code) continue;
      names.set(code, name);
      if (Intl.getCanonicalLocales(`und-${code}`)[0] !== `und-${code}`) deprecated.add(code);
    }
  }
  return { names, deprecated };
}

describe('Country names come from a CLDR table, not from ICU at run time', function () {
  it('When the runtime has the CLDR version the table was made from, then the table names every code as Intl.DisplayNames does', function () {
    if (process.versions.cldr !== COUNTRY_NAMES_CLDR) this.skip();
    const runtime = runtimeRegions();
    assert.deepEqual(new Map(Object.entries(COUNTRY_NAMES)), runtime.names);
    assert.deepEqual(new Set(DEPRECATED_COUNTRY_CODES), runtime.deprecated);
  });

  it('When any runtime lists a current region code, then the table knows it', function () {
    const runtime = runtimeRegions();
    const missing = [...runtime.names.keys()].filter((code) => !runtime.deprecated.has(code) && !(code in COUNTRY_NAMES));
    assert.deepEqual(missing, []);
  });

  it('When a code or a name is looked up, then the answers are the CLDR ones, deprecated codes named but not listed', function () {
    assert.equal(countryName('RU'), 'Russia');
    assert.equal(countryName('ru'), 'Russia');
    assert.equal(countryName('SU'), 'Russia');
    assert.equal(countryName('QQ'), 'QQ');
    assert.equal(countryName('Mars'), 'Mars');
    assert.equal(isCountryCode('CI'), true);
    assert.equal(isCountryCode('SU'), false);
    assert.equal(countryCode("Côte d'Ivoire"), 'CI');
    assert.equal(countryCode('cote d ivoire'), 'CI');
    assert.equal(countryCode('russia'), 'RU');
    assert.equal(countryCode('united kingdom'), 'GB');
  });
});
