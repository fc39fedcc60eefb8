/**
 * `npm run package [-- --env local|dev]`: builds the Teams app package appPackage/build/appPackage.<env>.zip
 * (manifest.json, color.png, outline.png at the zip root) without Teams Toolkit and without network.
 *
 * It reads env/.env.<env> (local runs fall back to offline defaults for what provisioning has not filled yet),
 * replaces every ${{VAR}} in appPackage/manifest.json, validates the result against the manifest schema shipped in
 * @microsoft/app-manifest, checks the icons, and zips. A missing variable stops the run with one line naming it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs, parseEnv } from 'node:util';
import { AppManifestUtils, type TeamsManifest } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { repoRoot } from '../paths';

export type Vars = Readonly<Record<string, string | undefined>>;

/** Every failure the packager reports; its message is one line a person can act on. */
export class PackagingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackagingError';
  }
}

export class MissingVariableError extends PackagingError {
  constructor(
    readonly variable: string,
    source: string,
  ) {
    super(`Missing value for \${{${variable}}}: set ${variable} in ${source}`);
    this.name = 'MissingVariableError';
  }
}

export class InvalidPackageError extends PackagingError {
  constructor(
    readonly problems: readonly string[],
    readonly what: string,
  ) {
    super(`${what} has ${problems.length} problem(s): ${problems.join('; ')}`);
    this.name = 'InvalidPackageError';
  }
}

/** Toolkit-style placeholder: ${{NAME}}. */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Variables that may legitimately be empty (a production environment has no name suffix). */
const MAY_BE_EMPTY = new Set(['APP_NAME_SUFFIX']);

/**
 * What a local package uses for values that `teamsapp provision --env local` has not written yet. The ids are
 * recognisably fake, valid GUIDs: enough to build and validate a package offline, not to install it.
 */
export const LOCAL_DEFAULTS: Readonly<Record<string, string>> = {
  TEAMSFX_ENV: 'local',
  APP_NAME_SUFFIX: ' (local)',
  TEAMS_APP_ID: '00000000-0000-0000-0000-00000000a001',
  BOT_ID: '00000000-0000-0000-0000-00000000b001',
  BOT_DOMAIN: 'localhost',
};

const ENV_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** The variable names referenced by ${{…}} in `text`, each once, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]))];
}

/** The repository-relative path of an environment's variable file. */
export function envFileName(env: string): string {
  return path.posix.join('env', `.env.${env}`);
}

/** Reads env/.env.<env>. Keys present with an empty value stay empty: provisioning fills them later. */
export function readEnvVars(env: string, root: string = repoRoot()): Record<string, string> {
  if (!ENV_NAME.test(env)) throw new PackagingError(`Bad environment name "${env}": use letters, digits, - or _`);
  const file = path.join(root, envFileName(env));
  if (!fs.existsSync(file)) throw new PackagingError(`No environment file ${envFileName(env)} for --env ${env}`);
  return { ...parseEnv(fs.readFileSync(file, 'utf8')) } as Record<string, string>;
}

function effectiveVars(env: string, vars: Vars): Vars {
  if (env !== 'local') return vars;
  const merged: Record<string, string | undefined> = { ...LOCAL_DEFAULTS };
  for (const [name, value] of Object.entries(vars)) {
    if (value !== undefined && value !== '') merged[name] = value;
  }
  return merged;
}

/** Replaces every ${{VAR}} in JSON text, escaping values so that any string stays valid JSON. */
function substituteJson(text: string, vars: Vars, source: string): string {
  return text.replace(PLACEHOLDER, (_match, name: string) => {
    const value = vars[name];
    if (value === undefined || (value === '' && !MAY_BE_EMPTY.has(name))) throw new MissingVariableError(name, source);
    return JSON.stringify(value).slice(1, -1);
  });
}

function manifestTemplatePath(root: string): string {
  return path.join(root, 'appPackage', 'manifest.json');
}

/**
 * The manifest for `env` with every ${{VAR}} replaced from `vars` (for env "local", LOCAL_DEFAULTS fill the gaps).
 * Throws MissingVariableError for the first variable without a value.
 */
export function buildManifest(env: string, vars: Vars, template?: string): TeamsManifest {
  const text = template ?? fs.readFileSync(manifestTemplatePath(repoRoot()), 'utf8');
  const source = env === 'local' ? `${envFileName(env)} (or leave it empty for the local default)` : envFileName(env);
  return JSON.parse(substituteJson(text, effectiveVars(env, vars), source)) as TeamsManifest;
}

/** Where @microsoft/app-manifest keeps the schema of a manifest version, if it ships one. */
export function localSchemaPath(manifestVersion: string): string | undefined {
  const packageBuildDir = path.dirname(require.resolve('@microsoft/app-manifest'));
  const file = path.join(packageBuildDir, 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  return fs.existsSync(file) ? file : undefined;
}

export function schemaUrl(manifestVersion: string): string {
  return `https://developer.microsoft.com/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`;
}

/**
 * Schema problems of a manifest (empty = valid). Only the schemas shipped in @microsoft/app-manifest are used:
 * a manifest whose $schema is not one of them is refused here instead of letting the library download it.
 */
export async function validateManifest(manifest: TeamsManifest): Promise<string[]> {
  const version = String(manifest.manifestVersion);
  if (!localSchemaPath(version)) {
    return [`manifestVersion ${version} has no schema in @microsoft/app-manifest, so it cannot be validated offline`];
  }
  if (manifest.$schema !== schemaUrl(version)) {
    return [`$schema must be ${schemaUrl(version)} to match manifestVersion ${version}`];
  }
  return AppManifestUtils.validateAgainstSchema(manifest);
}

const ICON_SIZES = { color: 192, outline: 32 } as const;

function readPng(file: string): PNG | string {
  if (!fs.existsSync(file)) return `${path.basename(file)} is missing`;
  try {
    return PNG.sync.read(fs.readFileSync(file));
  } catch (error) {
    return `${path.basename(file)} is not a readable PNG (${(error as Error).message})`;
  }
}

/** Teams' icon rules: colour 192×192; outline 32×32, white on transparent (any non-white pixel must be invisible). */
export function checkIcons(iconDir: string, icons: { color: string; outline: string }): string[] {
  const problems: string[] = [];
  for (const kind of ['color', 'outline'] as const) {
    const png = readPng(path.join(iconDir, icons[kind]));
    if (typeof png === 'string') {
      problems.push(png);
      continue;
    }
    const size = ICON_SIZES[kind];
    if (png.width !== size || png.height !== size) {
      problems.push(`${icons[kind]} is ${png.width}×${png.height}; the ${kind} icon must be ${size}×${size}`);
    }
    if (kind === 'outline') problems.push(...outlineProblems(png, icons.outline));
  }
  return problems;
}

function outlineProblems(png: PNG, name: string): string[] {
  let coloured = 0;
  let visible = 0;
  for (let offset = 0; offset < png.data.length; offset += 4) {
    const [r, g, b, alpha] = [png.data[offset], png.data[offset + 1], png.data[offset + 2], png.data[offset + 3]];
    if (alpha === 0) continue;
    visible++;
    if (r !== 255 || g !== 255 || b !== 255) coloured++;
  }
  const problems: string[] = [];
  if (coloured > 0) problems.push(`${name} has ${coloured} visible pixel(s) that are not white`);
  if (visible === 0) problems.push(`${name} is fully transparent`);
  if (visible === png.width * png.height) problems.push(`${name} has no transparent background`);
  return problems;
}

/** Fixed entry dates make the same inputs give the same zip, byte for byte. */
const ZIP_ENTRY_DATE = new Date('2026-01-01T00:00:00Z');

/** The app package: manifest.json and the two icons, all at the zip root. */
export async function zipAppPackage(manifest: TeamsManifest, iconDir: string): Promise<Buffer> {
  const zip = new JSZip();
  const options = { date: ZIP_ENTRY_DATE, createFolders: false };
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, options);
  zip.file(manifest.icons.color, fs.readFileSync(path.join(iconDir, manifest.icons.color)), options);
  zip.file(manifest.icons.outline, fs.readFileSync(path.join(iconDir, manifest.icons.outline)), options);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

export interface PackageOptions {
  /** Environment name; its variables come from env/.env.<env>. Default "local". */
  env?: string;
  /** Repository root (appPackage/, env/). Default repoRoot(). */
  root?: string;
  /** Variables to use instead of reading env/.env.<env>. */
  vars?: Vars;
  /** Where the zip goes. Default <root>/appPackage/build. */
  outDir?: string;
}

export interface PackageResult {
  zipPath: string;
  manifest: TeamsManifest;
}

/** Builds, validates and zips the app package; throws a PackagingError (one-line message) on any problem. */
export async function packageApp(options: PackageOptions = {}): Promise<PackageResult> {
  const env = options.env ?? 'local';
  const root = options.root ?? repoRoot();
  const vars = options.vars ?? readEnvVars(env, root);
  const manifest = buildManifest(env, vars, fs.readFileSync(manifestTemplatePath(root), 'utf8'));

  const schemaProblems = await validateManifest(manifest);
  if (schemaProblems.length > 0) throw new InvalidPackageError(schemaProblems, `The ${env} manifest`);
  const iconDir = path.join(root, 'appPackage');
  const iconProblems = checkIcons(iconDir, manifest.icons);
  if (iconProblems.length > 0) throw new InvalidPackageError(iconProblems, 'The app icons');

  const outDir = options.outDir ?? path.join(root, 'appPackage', 'build');
  fs.mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, `appPackage.${env}.zip`);
  fs.writeFileSync(zipPath, await zipAppPackage(manifest, iconDir));
  return { zipPath, manifest };
}

export async function main(argv: readonly string[]): Promise<number> {
  let env: string;
  try {
    const { values } = parseArgs({ args: [...argv], options: { env: { type: 'string', default: 'local' } } });
    env = values.env ?? 'local';
  } catch (error) {
    console.error(`${(error as Error).message}. Usage: npm run package -- --env local|dev`);
    return 2;
  }
  try {
    const { zipPath, manifest } = await packageApp({ env });
    console.log(`Wrote ${path.relative(process.cwd(), zipPath)} (manifest ${manifest.manifestVersion}, valid offline)`);
    return 0;
  } catch (error) {
    if (error instanceof InvalidPackageError) {
      console.error(`${error.what} has ${error.problems.length} problem(s):`);
      for (const problem of error.problems) console.error(`  ${problem}`);
      return 1;
    }
    if (!(error instanceof PackagingError)) throw error;
    console.error(error.message);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
