import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { AADSTS_NAMES, AADSTS_NAMES_GIVEN_AS_TEXT } from '../../../src/knowledge/aadstsNames';
import { ERROR_CODE_REFERENCE_URL, errorCodeExplanation, errorCodeFix, errorCodeInfo, explainedCodes, listedCodes } from '../../../src/knowledge/errorCodes';
import { ERROR_KINDS, tabledCodes, tabledKindOf } from '../../../src/knowledge/errorKinds';
import { buildErrorCodeAnswer } from '../../../src/skills/signIns/errorCodeAnswer';
import { DemoStack } from '../../support/demoStack';
import { readReferenceJson } from '../../support/reference';

interface ReferenceCode {
  code: number;
  name: string | null;
  description: string;
  remediation: string | null;
}

/** The AADSTS rows of Microsoft's error-code page (tests/fixtures/reference/graph/aadsts-codes.json). */
function referenceCodes(): ReferenceCode[] {
  return readReferenceJson<{ codes: ReferenceCode[] }>('graph', 'aadsts-codes.json').codes;
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

  describe('checked against the reference (tests/fixtures/reference/graph/aadsts-codes.json)', () => {
    let reference = new Map<number, ReferenceCode>();

    before(() => {
      reference = new Map(referenceCodes().map((c) => [c.code, c]));
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

    it('When a row has no name but its whole text is an identifier, then that identifier is the name we show', () => {
      const givenAsText = [...reference.values()].filter((r) => r.name === null && /^[A-Z][A-Za-z0-9]+$/.test(r.description.trim()));
      assert.deepEqual(Object.keys(AADSTS_NAMES_GIVEN_AS_TEXT).map(Number).sort(), givenAsText.map((r) => r.code).sort());
      for (const ref of givenAsText) assert.equal(errorCodeInfo(ref.code).name, ref.description.trim(), `${ref.code}`);
    });

    it('When the kind texts are compared with every reference description, then no run of six words is copied', () => {
      const theirs = new Set([...reference.values()].flatMap((r) => [...shingles(r.description), ...shingles(r.remediation ?? '')]));
      for (const [kind, info] of Object.entries(ERROR_KINDS)) {
        const copied = [...shingles(`${info.meaning} ${info.usualAction}`)].filter((s) => theirs.has(s));
        assert.deepEqual(copied, [], `${kind} copies the reference`);
      }
    });
  });

  describe('every listed code gets an answer', () => {
    it('When every code of the reference is looked up, then each has a kind other than "not categorised", an explanation, a fix, the lookup page and the Learn page', () => {
      assert.equal(listedCodes().length, 345);
      for (const code of listedCodes()) {
        const info = errorCodeInfo(code);
        assert.ok(info.category && info.kind, `${code} has no kind`);
        assert.equal(info.lookupUrl, `https://login.microsoftonline.com/error?code=${code}`);
        assert.equal(info.referenceUrl, ERROR_CODE_REFERENCE_URL);
        const explanation = errorCodeExplanation(info);
        if (info.explained) assert.equal(explanation, info.explanation);
        else assert.ok(explanation.includes(info.kind.label) && explanation.includes(info.aadsts), `${code}: ${explanation}`);
        if (info.name && !info.explained) assert.ok(explanation.includes(info.name), `${code} names itself`);
        assert.ok((errorCodeFix(info) ?? '').length > 20, `${code}: fix`);
        const answer = buildErrorCodeAnswer(code);
        const shown = answer.kind === 'card' ? (answer.data as { kind?: string }).kind : undefined;
        assert.ok(shown === info.kind.label && shown !== 'not categorised', `${code} card`);
      }
    });

    it('When the kinds table is checked, then no code is listed twice, none repeats a code we explain, and every one is in the name table', () => {
      const codes = tabledCodes();
      assert.equal(new Set(codes).size, codes.length, 'a code is listed under two kinds');
      for (const code of codes) {
        assert.ok(code in AADSTS_NAMES, `${code} is not a listed code`);
        assert.ok(!explainedCodes().includes(code), `${code} has its own kind in the catalogue`);
      }
    });

    const sorted: Array<[number, string]> = [
      [130004, 'credentials'],
      [120002, 'credentials'],
      [90091, 'service'],
      [50148, 'protocol'],
      [500021, 'tenant'],
      [81007, 'federation'],
      [50124, 'application'],
      [70016, 'interrupt'],
      [700020, 'mfa'],
    ];
    for (const [code, kind] of sorted) {
      it(`When ${code} (${AADSTS_NAMES[code] ?? AADSTS_NAMES_GIVEN_AS_TEXT[code] ?? 'no official name'}) is looked up, then its kind is ${kind}`, () => {
        assert.equal(tabledKindOf(code), kind);
        assert.equal(errorCodeInfo(code).kind, ERROR_KINDS[kind as keyof typeof ERROR_KINDS]);
      });
    }
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
    assert.equal(info.kind, undefined);
    assert.match(errorCodeExplanation(info), /not in the error reference/);
  });
});

describe('Error-code answers through the whole stack (HTTP bot → local Entra, demo tenant)', function () {
  this.timeout(120_000);
  let stack: DemoStack;

  before(async () => {
    stack = await DemoStack.onDemoTenant([]);
  });
  after(async () => {
    await stack?.stop();
  });

  it('When an admin asks about a code we do not explain, then the answer gives its name, its kind, what admins usually do and both links', async () => {
    const answer = await stack.ask('what does AADSTS130004 mean?', DEMO_ADMIN.userPrincipalName);
    assert.match(answer.text, /NgcKeyNotFound/);
    assert.match(answer.text, new RegExp(`Kind: ${ERROR_KINDS.credentials.label}`));
    assert.doesNotMatch(answer.text, /not categorised/);
    assert.ok(answer.text.includes(ERROR_KINDS.credentials.usualAction), answer.text);
    assert.match(answer.text, /Microsoft's error lookup/);
    assert.match(answer.text, /Error codes on Microsoft Learn/);
    assert.deepEqual(answer.graphRequests, []);
  });

  it('When an admin asks about a code whose name the reference gives only as text, then that name and a kind are shown', async () => {
    const answer = await stack.ask('what is error 120002?', DEMO_ADMIN.userPrincipalName);
    assert.match(answer.text, /Official name: PasswordChangeInvalidNewPasswordWeak/);
    assert.match(answer.text, new RegExp(`Kind: ${ERROR_KINDS.credentials.label}`));
  });

  it('When an admin asks about a code we explain, then our own explanation and fix come with the kind', async () => {
    const answer = await stack.ask('what does AADSTS7000222 mean?', DEMO_ADMIN.userPrincipalName);
    const info = errorCodeInfo(7000222);
    assert.ok(answer.text.includes(info.explanation!), answer.text);
    assert.ok(answer.text.includes(info.fix!), answer.text);
    assert.match(answer.text, new RegExp(`Kind: ${ERROR_KINDS.application.label}`));
  });
});
