import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseEnv } from 'node:util';
import type { TeamsManifestLatest } from '@microsoft/app-manifest';
import * as yaml from 'js-yaml';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import * as sinon from 'sinon';
import {
  buildManifest,
  checkIcons,
  envFileName,
  LOCAL_DEFAULTS,
  main,
  MissingVariableError,
  packageApp,
  placeholdersIn,
  readEnvVars,
  validateManifest,
  type Vars,
} from '../src/cli/package-app';
import { ACCENT_COLOR, drawColorIcon, drawOutlineIcon, encodePng } from '../src/cli/make-icons';
import { repoRoot } from '../src/paths';
import { DIAGNOSE_COMMAND_ID } from '../src/helpdesk/messageAction';


const root = repoRoot();
const read = (relative: string): string => fs.readFileSync(path.join(root, relative), 'utf8');

/** What `teamsapp provision --env dev` would have written: the ids the dev env file leaves empty. */
const PROVISIONED_DEV: Vars = {
  TEAMS_APP_ID: '3f1c2a4e-6b7d-4e8f-9a0b-1c2d3e4f5a6b',
  BOT_ID: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
  BOT_DOMAIN: 'entraassistdev-abc123.azurewebsites.net',
};

function devVars(): Vars {
  return { ...readEnvVars('dev', root), ...PROVISIONED_DEV };
}

/** The manifest as the current schema version types it (the tests below check that it is that version). */
function devManifest(): TeamsManifestLatest {
  return buildManifest('dev', devVars(), read('appPackage/manifest.json')) as TeamsManifestLatest;
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'entra-assistant-apppackage-'));
}

function report(problems: readonly string[]): string {
  return `\n  ${problems.join('\n  ')}`;
}

interface Action {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}

interface ProjectFile {
  version: string;
  provision?: Action[];
  deploy?: Action[];
  publish?: Action[];
}

function loadProjectFile(name: string): ProjectFile {
  return yaml.load(read(name)) as ProjectFile;
}

function actionsOf(project: ProjectFile): Action[] {
  return [...(project.provision ?? []), ...(project.deploy ?? []), ...(project.publish ?? [])];
}

/** Variables the toolkit's actions write while running a project file: writeToEnvironmentFile and ARM outputs. */
function variablesWrittenBy(project: ProjectFile): Set<string> {
  const names = new Set<string>();
  for (const action of actionsOf(project)) {
    for (const name of Object.values(action.writeToEnvironmentFile ?? {})) names.add(name);
    if (action.uses === 'aadApp/update') names.add('AAD_APP_ACCESS_AS_USER_PERMISSION_ID');
    if (action.uses === 'arm/deploy') {
      for (const template of (action.with?.templates ?? []) as Array<{ path: string }>) {
        for (const match of read(template.path).matchAll(/^output\s+([A-Za-z_][A-Za-z0-9_]*)\s/gm)) names.add(match[1]);
      }
    }
  }
  return names;
}

function envFileKeys(relative: string): string[] {
  return fs.existsSync(path.join(root, relative)) ? Object.keys(parseEnv(read(relative))) : [];
}

/** Entra client secrets: three characters, a digit, "Q~", then 31–34 characters. */
const CLIENT_SECRET_PATTERN = /[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}/;
const SECRET_NAME = /SECRET|PASSWORD|PASSWD|API_KEY|ACCESS_KEY|TOKEN|CONNECTION_STRING/i;

/** Secret-looking assignments in an env-style file: a secret's name given a literal value. */
function secretAssignments(text: string): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    const literal = (value ?? '').trim();
    if (SECRET_NAME.test(name) && literal !== '' && !/^\$\{\{[A-Z0-9_]+\}\}$/.test(literal)) found.push(name);
  }
  return found;
}

function isEnvStyleFile(relative: string): boolean {
  const base = path.posix.basename(relative);
  return relative.startsWith('env/') || base.startsWith('.env') || base.endsWith('.env') || base === '.localConfigs';
}

/** Files a commit would include: tracked ones and new ones git does not ignore. */
function repositoryFiles(): string[] {
  const listing = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  return [...new Set(listing.split('\0').filter(Boolean))].filter((file) => fs.existsSync(path.join(root, file)));
}

describe('Teams app package', () => {
  let connect: sinon.SinonStub;

  before(() => {
    // Validation must work offline: any attempt to open a socket fails the test that made it.
    connect = sinon.stub(net.Socket.prototype, 'connect').callsFake(() => {
      throw new Error('Network access attempted during the app package tests');
    });
  });

  after(() => connect.restore());

  describe('manifest', () => {
    for (const env of ['local', 'dev'] as const) {
      it(`When the ${env} manifest is built from ${envFileName(env)}, then it validates against the official schema offline`, async () => {
        const vars = env === 'local' ? readEnvVars('local', root) : devVars();
        const manifest = buildManifest(env, vars, read('appPackage/manifest.json'));

        const problems = await validateManifest(manifest);

        assert.deepEqual(problems, [], `schema problems:${report(problems)}`);
        assert.equal(connect.callCount, 0);
      });
    }

    it('When the dev manifest is built, then every ${{VAR}} is replaced by its value', () => {
      const manifest = devManifest();

      assert.equal(manifest.id, PROVISIONED_DEV.TEAMS_APP_ID);
      assert.equal(manifest.name.short, 'Entra Assistant (dev)');
      assert.equal(manifest.bots?.[0].botId, PROVISIONED_DEV.BOT_ID);
      assert.deepEqual(manifest.webApplicationInfo, {
        id: PROVISIONED_DEV.BOT_ID,
        resource: `api://botid-${PROVISIONED_DEV.BOT_ID}`,
      });
      assert.ok(manifest.validDomains?.includes(PROVISIONED_DEV.BOT_DOMAIN as string));
      assert.doesNotMatch(JSON.stringify(manifest), /\$\{\{/);
    });

    it('When the local env file has no ids yet, then the local defaults fill them', () => {
      const manifest = buildManifest('local', readEnvVars('local', root), read('appPackage/manifest.json'));

      assert.equal(manifest.id, LOCAL_DEFAULTS.TEAMS_APP_ID);
      assert.equal(manifest.name.short, 'Entra Assistant (local)');
      assert.ok(manifest.validDomains?.includes(LOCAL_DEFAULTS.BOT_DOMAIN));
    });

    it('When a manifest breaks the schema, then validateManifest names the broken field', async () => {
      const manifest = devManifest();
      const broken = { ...manifest, accentColor: 'blue', developer: { name: 'x' } } as unknown as typeof manifest;

      const problems = await validateManifest(broken);

      assert.ok(problems.some((p) => p.startsWith('/accentColor')), `problems:${report(problems)}`);
      assert.ok(problems.some((p) => p.includes('websiteUrl')), `problems:${report(problems)}`);
    });

    it('When a manifest names a schema version the library does not ship, then it is refused without a download', async () => {
      const manifest = devManifest();
      const future = { ...manifest, manifestVersion: '9.99' } as unknown as typeof manifest;

      const problems = await validateManifest(future);

      assert.equal(problems.length, 1);
      assert.match(problems[0], /9\.99 has no schema/);
      assert.equal(connect.callCount, 0);
    });

    it('When the manifest is read, then the bot serves personal, team and group chats with a command list for each', () => {
      const manifest = devManifest();
      const bot = manifest.bots?.[0];
      const commandLists = bot?.commandLists ?? [];

      assert.equal(manifest.manifestVersion, '1.30');
      assert.deepEqual([...(bot?.scopes ?? [])].sort(), ['groupChat', 'personal', 'team']);
      assert.equal(bot?.supportsFiles, false);
      assert.deepEqual(commandLists.map((list) => list.scopes.join()).sort(), ['groupChat', 'personal', 'team']);
      for (const list of commandLists) {
        const titles = list.commands.map((command) => command.title);
        for (const expected of ['help', "why can't <user> sign in", 'risky users', 'who is <user>', 'what changed this week']) {
          assert.ok(titles.includes(expected), `${list.scopes.join()} commands lack "${expected}"`);
        }
      }
    });

    it('When the manifest is read, then the bot has the message action "Diagnose with Entra Assistant", answered by the bot through a fetched task', () => {
      const manifest = devManifest();
      const extension = manifest.composeExtensions?.[0];
      assert.equal(extension?.botId, PROVISIONED_DEV.BOT_ID);
      const [command] = extension?.commands ?? [];
      assert.equal(command?.id, DIAGNOSE_COMMAND_ID);
      assert.equal(command?.type, 'action');
      assert.equal(command?.title, 'Diagnose with Entra Assistant');
      assert.deepEqual(command?.context, ['message']);
      assert.equal(command?.fetchTask, true);
      const team = manifest.bots?.[0]?.commandLists?.find((list) => list.scopes.includes('team'));
      assert.ok(team?.commands.some((c) => c.title === '/helpdesk on') && team.commands.some((c) => c.title === '/alerts on high-risk users'), 'the channel commands are listed for teams');
    });

    it('When the manifest is read, then it asks for channel messages without an @mention through resource-specific consent', () => {
      const manifest = devManifest();

      assert.deepEqual(manifest.authorization?.permissions?.resourceSpecific, [
        { name: 'ChannelMessage.Read.Group', type: 'Application' },
      ]);
    });
  });

  describe('icons', () => {
    it('When the committed icons are checked, then the colour icon is 192×192 and the outline 32×32, white on transparent', () => {
      const manifest = buildManifest('local', {}, read('appPackage/manifest.json'));

      const problems = checkIcons(path.join(root, 'appPackage'), manifest.icons);

      assert.deepEqual(problems, [], `icon problems:${report(problems)}`);
    });

    it('When the outline icon is read pixel by pixel, then every pixel that is not white is fully transparent', () => {
      const png = PNG.sync.read(fs.readFileSync(path.join(root, 'appPackage', 'outline.png')));
      let opaqueWhite = 0;

      for (let offset = 0; offset < png.data.length; offset += 4) {
        const [r, g, b, alpha] = png.data.subarray(offset, offset + 4);
        const white = r === 255 && g === 255 && b === 255;
        assert.ok(white || alpha === 0, `pixel ${offset / 4} is rgb(${r},${g},${b}) with alpha ${alpha}`);
        if (white && alpha === 255) opaqueWhite++;
      }

      assert.equal(png.width, 32);
      assert.equal(png.height, 32);
      assert.equal(png.data[3], 0, 'the top-left corner is transparent');
      assert.ok(opaqueWhite > 20, `only ${opaqueWhite} solid white pixels`);
    });

    it('When an outline icon has a coloured pixel or the wrong size, then checkIcons reports both', () => {
      const dir = tempDir();
      const outline = drawOutlineIcon();
      outline.data.set([255, 0, 0, 255], 0);
      fs.writeFileSync(path.join(dir, 'outline.png'), encodePng(outline));
      fs.writeFileSync(path.join(dir, 'color.png'), encodePng(new PNG({ width: 96, height: 96 })));

      const problems = checkIcons(dir, { color: 'color.png', outline: 'outline.png' });

      assert.ok(problems.some((p) => /outline\.png has 1 visible pixel\(s\) that are not white/.test(p)), report(problems));
      assert.ok(problems.some((p) => /color\.png is 96×96/.test(p)), report(problems));
    });

    it('When the icons are drawn again, then they are byte-identical to the committed files', () => {
      assert.ok(encodePng(drawColorIcon()).equals(fs.readFileSync(path.join(root, 'appPackage', 'color.png'))));
      assert.ok(encodePng(drawOutlineIcon()).equals(fs.readFileSync(path.join(root, 'appPackage', 'outline.png'))));
    });

    it("When the colour icon is read, then its background is the manifest's accent colour", () => {
      const manifest = buildManifest('local', {}, read('appPackage/manifest.json'));
      const png = PNG.sync.read(fs.readFileSync(path.join(root, 'appPackage', 'color.png')));
      const corner = `#${[...png.data.subarray(0, 3)].map((v) => v.toString(16).padStart(2, '0')).join('')}`;

      assert.equal(manifest.accentColor.toLowerCase(), ACCENT_COLOR.toLowerCase());
      assert.equal(corner, ACCENT_COLOR.toLowerCase());
    });
  });

  describe('variables', () => {
    const uses: Array<{ file: string; env: 'local' | 'dev'; project: string }> = [
      { file: 'appPackage/manifest.json', env: 'local', project: 'teamsapp.local.yml' },
      { file: 'appPackage/manifest.json', env: 'dev', project: 'teamsapp.yml' },
      { file: 'aad.manifest.json', env: 'local', project: 'teamsapp.local.yml' },
      { file: 'aad.manifest.json', env: 'dev', project: 'teamsapp.yml' },
      { file: 'teamsapp.local.yml', env: 'local', project: 'teamsapp.local.yml' },
      { file: 'teamsapp.yml', env: 'dev', project: 'teamsapp.yml' },
      { file: 'infra/azure.parameters.json', env: 'dev', project: 'teamsapp.yml' },
    ];

    for (const { file, env, project } of uses) {
      it(`When ${file} is used with ${envFileName(env)}, then every \${{VAR}} in it is defined there or written by ${project}`, () => {
        const defined = new Set([
          ...envFileKeys(envFileName(env)),
          ...envFileKeys(`${envFileName(env)}.user.sample`),
          ...variablesWrittenBy(loadProjectFile(project)),
        ]);
        const referenced = placeholdersIn(read(file));

        assert.ok(referenced.length > 0, `${file} references no variables at all`);
        const undefinedNames = referenced.filter((name) => !defined.has(name));
        assert.deepEqual(undefinedNames, [], `${file} uses variables nothing defines: ${undefinedNames.join(', ')}`);
      });
    }

    it('When the ARM template is read, then the outputs the deploy step needs are among the variables arm/deploy writes', () => {
      const written = variablesWrittenBy(loadProjectFile('teamsapp.yml'));

      for (const name of ['BOT_AZURE_APP_SERVICE_RESOURCE_ID', 'BOT_DOMAIN', 'BOT_ENDPOINT', 'BOT_ID', 'SECRET_BOT_PASSWORD']) {
        assert.ok(written.has(name), `${name} is not written by any action of teamsapp.yml`);
      }
    });
  });

  describe('Teams Toolkit project files', () => {
    it('When teamsapp.yml provisions, then it runs the expected actions in order and registers the bot single-tenant', () => {
      const project = loadProjectFile('teamsapp.yml');

      assert.deepEqual(
        project.provision?.map((action) => action.uses),
        [
          'teamsApp/create',
          'aadApp/create',
          'aadApp/update',
          'arm/deploy',
          'teamsApp/validateManifest',
          'teamsApp/zipAppPackage',
          'teamsApp/validateAppPackage',
          'teamsApp/update',
        ],
      );
      const aadApp = project.provision?.find((action) => action.uses === 'aadApp/create');
      assert.equal(aadApp?.with?.signInAudience, 'AzureADMyOrg');
      assert.deepEqual(
        project.deploy?.map((action) => [action.uses, action.with?.args ?? action.with?.ignoreFile]),
        [
          ['cli/runNpmCommand', 'install --no-audit'],
          ['cli/runNpmCommand', 'run build'],
          ['azureAppService/zipDeploy', '.webappignore'],
        ],
      );
      assert.ok(project.publish?.some((action) => action.uses === 'teamsApp/publishAppPackage'));
    });

    it('When teamsapp.local.yml provisions, then the bot is single-tenant and .localConfigs gets its credentials', () => {
      const project = loadProjectFile('teamsapp.local.yml');
      const all = actionsOf(project);

      assert.ok(!all.some((action) => action.uses === 'botAadApp/create'), 'botAadApp/create always registers multi-tenant');
      const aadApp = all.find((action) => action.uses === 'aadApp/create');
      assert.equal(aadApp?.with?.signInAudience, 'AzureADMyOrg');
      assert.deepEqual(aadApp?.writeToEnvironmentFile, {
        clientId: 'BOT_ID',
        clientSecret: 'SECRET_BOT_PASSWORD',
        objectId: 'BOT_OBJECT_ID',
        tenantId: 'BOT_TENANT_ID',
      });
      const bot = all.find((action) => action.uses === 'botFramework/create');
      assert.equal(bot?.with?.messagingEndpoint, '${{BOT_ENDPOINT}}/api/messages');
      const localConfigs = all.find((action) => action.uses === 'file/createOrUpdateEnvironmentFile');
      assert.equal(localConfigs?.with?.target, './.localConfigs');
      assert.deepEqual(localConfigs?.with?.envs, {
        BOT_ID: '${{BOT_ID}}',
        SECRET_BOT_PASSWORD: '${{SECRET_BOT_PASSWORD}}',
        BOT_TYPE: 'SingleTenant',
        BOT_TENANT_ID: '${{BOT_TENANT_ID}}',
        // The optional language model (issue #17): empty values leave it off.
        AZURE_OPENAI_ENDPOINT: '${{AZURE_OPENAI_ENDPOINT}}',
        AZURE_OPENAI_DEPLOYMENT: '${{AZURE_OPENAI_DEPLOYMENT}}',
        AZURE_OPENAI_CREDENTIAL: '${{AZURE_OPENAI_CREDENTIAL}}',
        AZURE_OPENAI_API_KEY: '${{SECRET_AZURE_OPENAI_API_KEY}}',
        MODEL_SUMMARIES: '${{MODEL_SUMMARIES}}',
      });
    });

    it('When the bot infrastructure is read, then the Azure Bot is single-tenant with the Teams channel', () => {
      const bot = read('infra/botRegistration/azurebot.bicep');
      const app = read('infra/azure.bicep');

      assert.match(bot, /kind: 'azurebot'/);
      assert.match(bot, /msaAppType: 'SingleTenant'/);
      assert.match(bot, /msaAppTenantId: botAadAppTenantId/);
      assert.match(bot, /channelName: 'MsTeamsChannel'/);
      assert.match(app, /@secure\(\)\s*\n(@description\([^\n]*\)\s*\n)?param botAadAppClientSecret string/);
      assert.match(app, /name: 'BOT_TYPE'\s*\n\s*value: 'SingleTenant'/);
      assert.match(app, /linuxFxVersion: 'NODE\|20-lts'/);
    });
  });

  describe('packaging', () => {
    it('When the local package is built, then the zip holds exactly manifest.json, color.png and outline.png at its root', async () => {
      const outDir = tempDir();

      const { zipPath, manifest } = await packageApp({ env: 'local', root, outDir });

      assert.equal(zipPath, path.join(outDir, 'appPackage.local.zip'));
      const zip = await JSZip.loadAsync(fs.readFileSync(zipPath));
      assert.deepEqual(Object.keys(zip.files).sort(), ['color.png', 'manifest.json', 'outline.png']);
      assert.deepEqual(JSON.parse(await zip.file('manifest.json')!.async('string')), manifest);
      const outline = await zip.file('outline.png')!.async('nodebuffer');
      assert.ok(outline.equals(fs.readFileSync(path.join(root, 'appPackage', 'outline.png'))));
    });

    it('When the same package is built twice, then the zips are byte-identical', async () => {
      const first = await packageApp({ env: 'dev', root, vars: devVars(), outDir: tempDir() });
      const second = await packageApp({ env: 'dev', root, vars: devVars(), outDir: tempDir() });

      assert.ok(fs.readFileSync(first.zipPath).equals(fs.readFileSync(second.zipPath)));
    });

    it('When a dev variable has no value, then packaging stops with one line naming it and writes no zip', async () => {
      const outDir = tempDir();

      await assert.rejects(packageApp({ env: 'dev', root, outDir }), (error: unknown) => {
        assert.ok(error instanceof MissingVariableError);
        assert.equal(error.variable, 'TEAMS_APP_ID');
        assert.equal(error.message, 'Missing value for ${{TEAMS_APP_ID}}: set TEAMS_APP_ID in env/.env.dev');
        return true;
      });
      assert.deepEqual(fs.readdirSync(outDir), []);
    });

    it('When a template uses a variable no env file defines, then buildManifest names that variable', () => {
      assert.throws(
        () => buildManifest('dev', devVars(), '{ "id": "${{TEAMS_APP_ID}}", "x": "${{NOT_DEFINED_ANYWHERE}}" }'),
        /^MissingVariableError: Missing value for \$\{\{NOT_DEFINED_ANYWHERE\}\}/,
      );
    });

    it('When npm run package meets a missing variable, then it prints exactly one line and exits 1', async () => {
      const errors = sinon.stub(console, 'error');
      const logs = sinon.stub(console, 'log');
      try {
        const code = await main(['--env', 'dev']);

        assert.equal(code, 1);
        assert.equal(errors.callCount, 1);
        const line = String(errors.firstCall.args[0]);
        assert.doesNotMatch(line, /\n/);
        assert.match(line, /TEAMS_APP_ID/);
        assert.equal(logs.callCount, 0);
      } finally {
        errors.restore();
        logs.restore();
      }
    });
  });

  describe('secrets', () => {
    it('When the committed env files are read, then no secret has a value and the samples name SECRET_BOT_PASSWORD empty', () => {
      const envFiles = fs.readdirSync(path.join(root, 'env')).filter((name) => !name.endsWith('.user'));
      assert.ok(envFiles.length >= 4, `env/ holds ${envFiles.join(', ')}`);

      for (const name of envFiles) {
        assert.deepEqual(secretAssignments(read(`env/${name}`)), [], `env/${name} assigns a secret`);
      }
      for (const env of ['local', 'dev']) {
        assert.equal(parseEnv(read(`env/.env.${env}.user.sample`)).SECRET_BOT_PASSWORD, '');
      }
    });

    it('When secret-looking values are planted, then the secret checks catch them', () => {
      const clientSecret = ['abc', '8Q~', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7'].join('');
      const assignment = ['SECRET_BOT_PASSWORD', '=', 'hunter2'].join('');

      assert.match(`value: ${clientSecret}\n`, CLIENT_SECRET_PATTERN);
      assert.deepEqual(secretAssignments(`${assignment}\nBOT_ID=x\n`), ['SECRET_BOT_PASSWORD']);
      assert.deepEqual(secretAssignments('SECRET_BOT_PASSWORD=${{SECRET_BOT_PASSWORD}}\nSECRET_X=\n'), []);
    });

    it('When every file a commit would include is scanned, then none holds an Entra client secret or a secret in an env-style file', () => {
      const findings: string[] = [];
      const files = repositoryFiles();
      assert.ok(files.includes('appPackage/manifest.json'), 'the scan must see the repository files');

      for (const file of files) {
        const content = fs.readFileSync(path.join(root, file));
        if (content.length > 5_000_000 || content.subarray(0, 8000).includes(0)) continue;
        const text = content.toString('utf8');
        if (CLIENT_SECRET_PATTERN.test(text)) findings.push(`${file}: looks like an Entra client secret`);
        if (isEnvStyleFile(file)) {
          for (const name of secretAssignments(text)) findings.push(`${file}: ${name} has a value`);
        }
      }

      assert.deepEqual(findings, [], `secrets found:${report(findings)}`);
    });
  });
});
