/**
 * npm run feedback -- report [--html FILE]
 * npm run feedback -- export --format csv|jsonl [--out FILE]
 * npm run feedback -- export --as-tests [--out FILE]
 * npm run feedback -- actions [--out FILE]
 *
 * Reads the store the bot writes (FEEDBACK_STORE and friends, as for the bot). `report` prints counts by intent,
 * skill and category and writes an HTML page with a chart per skill; `export` writes every record; `--as-tests`
 * writes each 👎'd question as a line for `npm run ask -- --batch`; `actions` writes every mitigation record (who
 * asked, who confirmed or cancelled, the target, the result) as JSON lines, oldest first.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config';
import { openFeedbackStore } from '../feedback/openFeedbackStore';
import { feedbackReport, reportHtml, reportText } from '../feedback/report';
import { toAskBatch, toCsv, toJsonl } from '../feedback/exportFormats';
import { openMitigationStore } from '../mitigations/openMitigationStore';

const USAGE = 'usage: npm run feedback -- report [--html FILE] | export (--format csv|jsonl | --as-tests) [--out FILE] | actions [--out FILE]';

function write(out: string | undefined, text: string): void {
  if (!out) {
    process.stdout.write(text);
    return;
  }
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  fs.writeFileSync(out, text);
  process.stderr.write(`wrote ${out}\n`);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      'as-tests': { type: 'boolean' },
      out: { type: 'string' },
      html: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || (command !== 'report' && command !== 'export' && command !== 'actions')) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (command === 'export' && !values['as-tests'] && values.format !== 'csv' && values.format !== 'jsonl') {
    process.stderr.write(`export needs --format csv|jsonl or --as-tests\n${USAGE}\n`);
    return 2;
  }
  const config = loadConfigOrExit();
  if (command === 'actions') {
    const mitigations = openMitigationStore(config.feedback);
    try {
      write(values.out, (await mitigations.list()).map((r) => `${JSON.stringify(r)}\n`).join(''));
      return 0;
    } finally {
      await mitigations.close();
    }
  }
  const store = openFeedbackStore(config.feedback);
  try {
    const answers = await store.listAnswers();
    if (command === 'report') {
      const report = feedbackReport(answers);
      process.stdout.write(reportText(report));
      write(values.html ?? path.join('data', 'feedback-report.html'), reportHtml(report, new Date()));
    } else if (values['as-tests']) {
      write(values.out, toAskBatch(answers));
    } else {
      write(values.out, values.format === 'csv' ? toCsv(answers) : toJsonl(answers));
    }
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`feedback: ${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
