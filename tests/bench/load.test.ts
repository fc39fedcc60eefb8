import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatLoadReport, type LevelResult, percentile, processCpuMs, processRssMiB, replaceSection, serveCommand, sideBySide } from '../../bench/load';
import { repoRoot } from '../../src/paths';
import { readBicep } from '../support/bicep';

describe('The load bench: its report and readings', () => {
  it('When the Load section exists, then only it is replaced and the sections around it stay', () => {
    const doc = '# Benchmarks\n\n## Local Entra\n\nold entra\n\n## Load\n\nold load\n\n## Load: notes\n\nkept notes\n';
    const out = replaceSection(doc, 'Load', 'new load');
    assert.match(out, /## Local Entra\n\nold entra/);
    assert.match(out, /## Load\n\nnew load\n\n## Load: notes\n\nkept notes/);
    assert.doesNotMatch(out, /old load/);
  });

  it('When the report is written, then it says how long a level ran and how long each question type was warmed up first', () => {
    const text = formatLoadReport({ when: '2026-12-06 21:00', machine: '2 cores', seconds: 5, warmupSeconds: 30, serve: 'node dist/src/index.js' }).join('\n');
    assert.match(text, /for 5 s per level, after 30 s of one-connection turns of each question type;/);
  });

  it('When two builds are measured in rounds (--levels-also, --rounds), then each round is divided by the echo bot of the same round and the ratios\' median is given', () => {
    const level = (target: string, round: number, cpuMsPerTurn: number, build?: string): LevelResult => ({
      target,
      label: target === 'echo' ? 'echo bot' : 'sign-in troubleshooting',
      connections: 10,
      seconds: 10,
      turns: 100,
      requestsPerSecond: 10,
      p50: 1,
      p95: 2,
      p99: 3,
      cpuMsPerTurn,
      entraCpuMsPerTurn: 0,
      answeredBy: [],
      errors: 0,
      round,
      ...(build ? { build } : {}),
    });
    const levels = [
      level('echo', 1, 2),
      level('troubleshoot', 1, 6),
      level('troubleshoot', 1, 8, '/tmp/main'),
      level('echo', 2, 1),
      level('troubleshoot', 2, 4, '/tmp/main'),
      level('troubleshoot', 2, 2.5),
      level('echo', 3, 1.5),
      level('troubleshoot', 3, 3),
      level('troubleshoot', 3, 6, '/tmp/main'),
    ];
    const [header, , row] = sideBySide(levels, [undefined, '/tmp/main']);
    assert.match(header, /this checkout: CPU ms a turn \(× echo\), by round \| \/tmp\/main: CPU ms a turn/);
    assert.equal(row, '| sign-in troubleshooting | 10 | 6 (3×), 2.5 (2.5×), 3 (2×) | 8 (4×), 4 (4×), 6 (4×) | 2.5× | 4× |');
    const report = formatLoadReport({ when: 'w', machine: 'm', seconds: 10, warmupSeconds: 2, serve: 'node', levels }).join('\n');
    assert.match(report, /\| round 2: sign-in troubleshooting — \/tmp\/main \(–\) \| 10 \| 10 \| 1 \/ 2 \/ 3 \| 4 \| 4× \|/);
  });

  it('When there is no Load section, then it is added at the end', () => {
    assert.equal(replaceSection('# Benchmarks\n\n## Local Entra\n\nx\n', 'Load', 'numbers'), '# Benchmarks\n\n## Local Entra\n\nx\n\n## Load\n\nnumbers\n');
  });

  it('When percentiles are taken, then p50, p95 and p99 are values of the sample (nearest rank)', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.deepEqual([percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), percentile(sorted, 100)], [50, 95, 99, 100]);
    assert.equal(percentile([7], 95), 7);
    assert.ok(Number.isNaN(percentile([], 50)));
  });

  it("When this process works, then its CPU time read from /proc grows, and its resident memory is read", () => {
    const before = processCpuMs(process.pid);
    // Spin until the process itself says it spent 100 ms of CPU (a busy machine may take longer in wall time).
    const start = process.cpuUsage();
    let spin = 0;
    while (process.cpuUsage(start).user < 100_000) spin++;
    assert.ok(spin > 0);
    assert.ok(processCpuMs(process.pid) - before >= 80, '/proc shows the 100 ms spent (10 ms ticks)');
    assert.ok(processRssMiB(process.pid) > 10);
  });

  it('When the serve script sets variables and Node options, then the bench starts the bot with the same ones', () => {
    assert.deepEqual(serveCommand('MALLOC_ARENA_MAX=2 node --disable-warning=DEP0111 --max-semi-space-size=2 dist/src/index.js'), {
      env: { MALLOC_ARENA_MAX: '2' },
      nodeArgs: ['--disable-warning=DEP0111', '--max-semi-space-size=2'],
    });
    assert.deepEqual(serveCommand('node dist/src/index.js'), { env: {}, nodeArgs: [] });
  });

  it('When the serve script is not `node … dist/src/index.js`, then the bench says so instead of timing something else', () => {
    assert.throws(() => serveCommand('tsx src/index.ts'), /does not run node/);
    assert.throws(() => serveCommand('node --inspect dist/src/cli/start.js'), /does not end with dist\/src\/index.js/);
  });

  it('When the bot is started by npm run serve, serve:teamsfx or the App Service, then it runs with the same Node options (the memory bounds of docs/bench.md)', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const serve = serveCommand(manifest.scripts.serve);
    assert.ok(serve.nodeArgs.some((arg) => arg.startsWith('--max-semi-space-size=')), 'the young generation is bounded');
    const teamsfx = serveCommand(manifest.scripts['serve:teamsfx']);
    assert.deepEqual({ ...teamsfx, nodeArgs: teamsfx.nodeArgs.filter((arg) => !arg.startsWith('--env-file=')) }, serve);
    const site = readBicep(path.join(repoRoot(), 'infra', 'azure.bicep')).resources.find((r) => r.type === 'Microsoft.Web/sites' && !r.existing);
    const siteConfig = (site?.body.properties as { siteConfig?: { appCommandLine?: unknown } } | undefined)?.siteConfig;
    assert.equal(siteConfig?.appCommandLine, manifest.scripts.serve, 'the App Service runs what npm run serve runs');
  });
});
