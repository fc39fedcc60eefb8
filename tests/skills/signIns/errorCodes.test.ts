import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sharedReferenceDir } from '../../../src/paths';
import { AADSTS_NAMES } from '../../../src/knowledge/aadstsNames';
import { errorCodeInfo, explainedCodes } from '../../../src/knowledge/errorCodes';

interface ReferenceCode {
  code: number;
  name: string | null;
  description: string;
  remediation: string | null;
}

function referenceCodes(dir: string): ReferenceCode[] {
  return (JSON.parse(fs.readFileSync(path.join(dir, 'reference', 'graph', 'aadsts-codes.json'), 'utf8')) as { codes: ReferenceCode[] }).codes;
}

/** Runs of six words: a shared run means a sentence was copied rather than written. */
function shingles(text: string, size = 6): Set<string> {
  const words = text.toLowerCase().replace(/[^a-z0-9' ]+/g, ' ').split(/\s+/).filter(Boolean);
  const out = new Set<string>();
  for (let i = 0; i + size <= words.length; i++) out.add(words.slice(i, i + size).join(' '));
  return out;
}

describe('Error-code knowledge', () => {
  it('When the catalogue is counted, then at least 80 codes have our own explanation and fix', () => {
    assert.ok(explainedCodes().length >= 80, `${explainedCodes().length} codes`);
    for (const code of explainedCodes()) {
      const info = errorCodeInfo(code);
      assert.ok(info.explanation && info.explanation.length > 20, `${code}: explanation`);
      assert.ok(info.fix && info.fix.length > 10, `${code}: fix`);
    }
  });

  describe('checked against the reference (../shared)', () => {
    let reference = new Map<number, ReferenceCode>();

    before(function () {
      const dir = sharedReferenceDir();
      if (!dir) {
        process.stdout.write('      skipped: ../shared not found\n');
        this.skip();
      }
      reference = new Map(referenceCodes(dir).map((c) => [c.code, c]));
    });

    it('When each explained code is checked against the reference, then it exists there and carries its official name', () => {
      for (const code of explainedCodes()) {
        const ref = reference.get(code);
        assert.ok(ref, `${code} is not in aadsts-codes.json`);
        assert.equal(errorCodeInfo(code).name, ref.name, `${code} name`);
      }
    });

    it('When our texts are compared with the reference descriptions, then no run of six words is copied', () => {
      for (const code of explainedCodes()) {
        const ref = reference.get(code)!;
        const theirs = new Set([...shingles(ref.description), ...shingles(ref.remediation ?? '')]);
        const info = errorCodeInfo(code);
        const copied = [...shingles(`${info.explanation} ${info.fix}`)].filter((s) => theirs.has(s));
        assert.deepEqual(copied, [], `${code} copies the reference`);
      }
    });

    it('When the name table is compared with the reference, then every one of its codes and names is there', () => {
      assert.equal(Object.keys(AADSTS_NAMES).length, reference.size);
      for (const [code, ref] of reference) assert.equal(AADSTS_NAMES[code], ref.name, `${code}`);
    });
  });

  it('When a code we do not explain is looked up, then it gets its official name and the lookup link', () => {
    const info = errorCodeInfo(130004);
    assert.equal(info.explained, false);
    assert.equal(info.name, 'NgcKeyNotFound');
    assert.equal(info.lookupUrl, 'https://login.microsoftonline.com/error?code=130004');
  });

  it('When an unknown code is looked up, then it still gets a label and the lookup link', () => {
    const info = errorCodeInfo(4242);
    assert.equal(info.title, 'AADSTS4242');
    assert.equal(info.lookupUrl, 'https://login.microsoftonline.com/error?code=4242');
  });
});
