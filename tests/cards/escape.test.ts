import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { escapeAllPasses, escapeMarkdown } from '../../src/cards/escape';
import { jsonText } from '../../src/jsonText';
import { repoRoot } from '../../src/paths';

/** Every string in the cards' sample data: the kinds of values answers show. */
function sampleValues(): string[] {
  const values: string[] = [];
  const collect = (node: unknown): void => {
    if (typeof node === 'string') values.push(node);
    else if (Array.isArray(node)) node.forEach(collect);
    else if (node && typeof node === 'object') Object.values(node).forEach(collect);
  };
  const folder = path.join(repoRoot(), 'adaptiveCards');
  for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.data.json'))) collect(JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')));
  return values;
}

/** Short texts made of every pair of pieces that one pass or another reacts to, and of plain words around them. */
function generatedValues(): string[] {
  const pieces = ['a', 'Megan Bowen', ' ', '  ', '\t', '\n', '\r\n', '.', '..', ':', '://', 'http', 'https://x.example/p', 'www.', 'WWW.', 'mailto:', 'MAILTO:', 'a@b.example', '@', '/', 'x.example/y', '\\', '`', '*', '_', '[', ']', '<', '>', '~', '|', '$', '${', '{', '-', '+', '#', '1.', '12.', '1', '·', 'é', '100.109.2.235', '2026-11-20 11:38 UTC', 'fe80::1'];
  const values: string[] = [];
  for (const a of pieces) for (const b of pieces) values.push(a + b, `${a} ${b}`, ` ${a}${b}`);
  return values;
}

describe('Escaping tenant text for cards', () => {
  it('When a value holds nothing any pass would change, then it is returned as it is; for every sample and generated value, the answer is what all the passes give', () => {
    const values: unknown[] = [...sampleValues(), ...generatedValues(), 53000, true, { a: 'b' }, ['x', 'y']];
    let unchanged = 0;
    for (const value of values) {
      const expected = escapeAllPasses(jsonText(value));
      assert.equal(escapeMarkdown(value), expected, `for ${JSON.stringify(value)}`);
      if (expected === jsonText(value)) unchanged++;
    }
    // The check must be about the values, not vacuous: many pass through unchanged, many are escaped.
    assert.ok(unchanged > 100 && values.length - unchanged > 1000, `${unchanged} of ${values.length} unchanged`);
    assert.equal(escapeMarkdown(null), '');
    assert.equal(escapeMarkdown(undefined), '');
  });

  it('When a value holds a URL, an address, Markdown or a list marker, then it is defanged and escaped', () => {
    // The defanging brackets are escaped too: Teams shows them as typed.
    assert.equal(escapeMarkdown('see https://evil.example/login now'), 'see https\\[:\\]//evil\\[.\\]example/login now');
    assert.equal(escapeMarkdown('write to a.b@contoso.com please'), 'write to a.b\\[@\\]contoso\\[.\\]com please');
    assert.equal(escapeMarkdown('megan.bowen@contoso.com'), 'megan.bowen@contoso.com');
    assert.equal(escapeMarkdown('**URGENT** [click](x)'), '\\*\\*URGENT\\*\\* \\[click\\](x)');
    assert.equal(escapeMarkdown('- not a list'), '\\- not a list');
    assert.equal(escapeMarkdown('12. not a list'), '\\12. not a list');
    assert.equal(escapeMarkdown('two\nlines'), 'two lines');
    assert.equal(escapeMarkdown('Megan Bowen · 100.109.2.235 · Seattle, US'), 'Megan Bowen · 100.109.2.235 · Seattle, US');
  });
});
