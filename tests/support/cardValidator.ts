/**
 * An offline Adaptive Cards 1.5 validator for tests (issue #2).
 *
 * Two opinions are merged:
 * 1. the `adaptivecards` 3.x parser, targeting 1.5: unknown or newer element/action types, bad enum values,
 *    duplicate ids, a missing OpenUrl url or ShowCard card, unsupported versions;
 * 2. our own table of the Adaptive Cards 1.5 schema (microsoft/AdaptiveCards schemas/1.5.0/adaptive-card.json)
 *    for what the parser lets through: unknown properties (which is also how 1.6 properties show up), missing
 *    required properties, value types, plus project rules: `$schema`, empty TextBlock text, an Action.Execute
 *    `verb`, leftover `${...}` template expressions and Teams' 28 KB message size.
 *
 * Each problem reads "<JSON path>: <what is wrong>", e.g. `body[2].columns[0].items[1].text: ...`.
 */
import type * as AdaptiveCardsLibrary from 'adaptivecards';

// The package's main entry fails to load in Node 20; its browser bundle works without a DOM (measured with adaptivecards 3.0).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AdaptiveCards = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCardsLibrary;

export const CARD_SCHEMA_URL = 'http://adaptivecards.io/schemas/adaptive-card.json';
/** Teams refuses messages of about 28–40 KB; we keep cards under the low end. */
export const TEAMS_CARD_BYTE_LIMIT = 28 * 1024;
const NEWEST_VERSION = { major: 1, minor: 5 };

/** Problem families: a library problem is dropped when our own check already reported the same family there. */
type Family = 'type' | 'property' | 'value' | 'missing' | 'id' | 'version' | 'schema' | 'template' | 'size' | 'library';

interface Problem {
  readonly path: string;
  readonly family: Family;
  readonly message: string;
}

/** Validates a rendered card for Adaptive Cards 1.5 in Teams. Returns the problems found; empty means valid. */
export function validateAdaptiveCard(card: unknown): string[] {
  if (!isRecord(card)) return [`${displayPath('')}: a card must be a JSON object, got ${describe(card)}`];
  const own = [...schemaProblems(card), ...templateLeftovers(card, ''), ...sizeProblems(card)];
  const fromLibrary = libraryProblems(card).filter((problem) => !own.some((mine) => covers(problem, mine)));
  return [...own, ...fromLibrary].map((problem) => `${displayPath(problem.path)}: ${problem.message}`);
}

// ---------------------------------------------------------------------------------------------------------------
// The adaptivecards parser, with each of its events traced back to the JSON path it concerns.

function libraryProblems(card: Record<string, unknown>): Problem[] {
  const paths = indexPaths(card);
  const context = new TracingSerializationContext();
  const parsed = new AdaptiveCards.AdaptiveCard();
  parsed.maxVersion = AdaptiveCards.Versions.v1_5;
  context.parsedFrom.set(parsed, card);
  try {
    parsed.parse(card, context);
  } catch (error) {
    return [{ path: '', family: 'library', message: `the adaptivecards parser failed: ${String(error)}` }];
  }

  const problems: Problem[] = context.parseEvents.map(({ source, event, message }) =>
    libraryProblem(paths.get(source) ?? '', event, message),
  );
  for (const { source, event, message } of parsed.validateProperties().validationEvents) {
    const json = source instanceof AdaptiveCards.CardObject ? context.sourceOf(source) : undefined;
    problems.push(libraryProblem(paths.get(json) ?? '', event, message));
  }
  return problems;
}

/** Remembers which JSON object the parser was reading when it logged an event, and what it built from it. */
class TracingSerializationContext extends AdaptiveCards.SerializationContext {
  readonly parseEvents: { source: unknown; event: AdaptiveCardsLibrary.ValidationEvent; message: string }[] = [];
  readonly parsedFrom = new Map<AdaptiveCardsLibrary.CardObject, unknown>();
  private readonly reading: unknown[] = [];

  constructor() {
    super(AdaptiveCards.Versions.v1_5);
  }

  override parseCardObject<T extends AdaptiveCardsLibrary.CardObject>(
    parent: AdaptiveCardsLibrary.CardElement | undefined,
    source: unknown,
    forbiddenTypeNames: string[],
    allowFallback: boolean,
    createInstance: (typeName: string) => T | undefined,
    logTypeProblem: (typeName: string, errorType: AdaptiveCardsLibrary.TypeErrorType) => void,
  ): T | undefined {
    this.reading.push(source);
    try {
      const built = super.parseCardObject(parent, source, forbiddenTypeNames, allowFallback, createInstance, logTypeProblem);
      if (built && !this.parsedFrom.has(built)) this.parsedFrom.set(built, source);
      return built;
    } finally {
      this.reading.pop();
    }
  }

  override logParseEvent(
    source: AdaptiveCardsLibrary.SerializableObject | undefined,
    event: AdaptiveCardsLibrary.ValidationEvent,
    message: string,
  ): void {
    this.parseEvents.push({ source: this.reading[this.reading.length - 1], event, message });
    super.logParseEvent(source, event, message);
  }

  /** The JSON an object was built from, or that of its nearest traced ancestor. */
  sourceOf(cardObject: AdaptiveCardsLibrary.CardObject): unknown {
    for (let at: AdaptiveCardsLibrary.CardObject | undefined = cardObject; at; at = at.parent) {
      if (this.parsedFrom.has(at)) return this.parsedFrom.get(at);
    }
    return undefined;
  }
}

function libraryProblem(objectPath: string, event: AdaptiveCardsLibrary.ValidationEvent, message: string): Problem {
  const Event = AdaptiveCards.ValidationEvent;
  const property = propertyNamed(event, message);
  const path = property ? joinPath(objectPath, property) : objectPath;
  const families: Partial<Record<AdaptiveCardsLibrary.ValidationEvent, Family>> = {
    [Event.UnknownElementType]: 'type',
    [Event.UnknownActionType]: 'type',
    [Event.ElementTypeNotAllowed]: 'type',
    [Event.ActionTypeNotAllowed]: 'type',
    [Event.MissingCardType]: 'type',
    [Event.InvalidPropertyValue]: 'value',
    [Event.PropertyCantBeNull]: 'missing',
    [Event.CollectionCantBeEmpty]: 'missing',
    [Event.DuplicateId]: 'id',
    [Event.UnsupportedCardVersion]: 'version',
    [Event.UnsupportedProperty]: 'property',
  };
  return { path, family: families[event] ?? 'library', message: `${message} (adaptivecards parser)` };
}

/** The property a library message is about, when it says so, so that its path matches ours. */
function propertyNamed(event: AdaptiveCardsLibrary.ValidationEvent, message: string): string | undefined {
  const Event = AdaptiveCards.ValidationEvent;
  if (event === Event.UnsupportedCardVersion) return 'version';
  if (/column width/i.test(message)) return 'width';
  if (/Action\.ShowCard must have/i.test(message)) return 'card';
  if (/Input\.ChoiceSet/i.test(message)) return 'choices';
  if (/inputs must have a unique/i.test(message)) return 'id';
  return /property "([^"]+)"/i.exec(message)?.[1];
}

function covers(library: Problem, mine: Problem): boolean {
  if (library.family !== mine.family) return false;
  const at = library.path;
  return at === '' || mine.path === at || mine.path.startsWith(`${at}.`) || mine.path.startsWith(`${at}[`);
}

// ---------------------------------------------------------------------------------------------------------------
// The Adaptive Cards 1.5 schema, as a table of property rules per type.

type Rule = (value: unknown, path: string, walk: SchemaWalk) => void;

interface TypeSpec {
  readonly properties: Readonly<Record<string, Rule>>;
  readonly required?: readonly string[];
}

const text: Rule = (value, path, walk) => {
  if (typeof value !== 'string') walk.report(path, 'value', `must be a string, got ${describe(value)}`);
};

const nonEmptyText: Rule = (value, path, walk) => {
  if (typeof value !== 'string') walk.report(path, 'value', `must be a string, got ${describe(value)}`);
  else if (value.trim() === '') walk.report(path, 'value', 'is empty');
};

const flag: Rule = (value, path, walk) => {
  if (typeof value !== 'boolean') walk.report(path, 'value', `must be true or false, got ${describe(value)}`);
};

const optionalFlag: Rule = (value, path, walk) => {
  if (value !== null) flag(value, path, walk);
};

const number: Rule = (value, path, walk) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    walk.report(path, 'value', `must be a number, got ${describe(value)}`);
  }
};

/** Enum values compare case-insensitively, as in the schema's patterns and the renderers. */
function oneOf(values: readonly string[], options: { nullable?: boolean } = {}): Rule {
  const accepted = new Set(values.map((value) => value.toLowerCase()));
  return (value, path, walk) => {
    if (value === null && options.nullable) return;
    if (typeof value !== 'string' || !accepted.has(value.toLowerCase())) {
      walk.report(path, 'value', `${describe(value)} is not one of ${values.join(', ')}`);
    }
  };
}

function matching(pattern: RegExp, expected: string): Rule {
  return (value, path, walk) => {
    if (typeof value !== 'string' || !pattern.test(value)) {
      walk.report(path, 'value', `${describe(value)} is not ${expected}`);
    }
  };
}

/** For leaf values only: the probes keep no ids and hide the inner messages. */
function either(first: Rule, second: Rule, expected: string): Rule {
  return (value, path, walk) => {
    const probe = new SchemaWalk();
    first(value, path, probe);
    if (probe.problems.length === 0) return;
    const secondProbe = new SchemaWalk();
    second(value, path, secondProbe);
    if (secondProbe.problems.length > 0) walk.report(path, 'value', `${describe(value)} is not ${expected}`);
  };
}

const pixels = matching(/^\d+(\.\d+)?px$/, 'a pixel size like "50px"');
const uriReference = nonEmptyText;
const absoluteUrl: Rule = (value, path, walk) => {
  if (typeof value !== 'string' || !URL.canParse(value)) {
    walk.report(path, 'value', `${describe(value)} is not an absolute URL`);
  }
};
const stringOrObject: Rule = (value, path, walk) => {
  if (typeof value !== 'string' && !isRecord(value)) {
    walk.report(path, 'value', `must be a string or an object, got ${describe(value)}`);
  }
};
const requirements: Rule = (value, path, walk) => {
  if (!isRecord(value)) return walk.report(path, 'value', `must be an object, got ${describe(value)}`);
  for (const [feature, version] of Object.entries(value)) text(version, joinPath(path, feature), walk);
};

const colors = oneOf(['default', 'dark', 'light', 'accent', 'good', 'warning', 'attention'], { nullable: true });
const containerStyle = oneOf(['default', 'emphasis', 'good', 'attention', 'warning', 'accent'], { nullable: true });
const fontSize = oneOf(['default', 'small', 'medium', 'large', 'extraLarge'], { nullable: true });
const fontType = oneOf(['default', 'monospace'], { nullable: true });
const fontWeight = oneOf(['default', 'lighter', 'bolder'], { nullable: true });
const horizontalAlignment = oneOf(['left', 'center', 'right'], { nullable: true });
const verticalAlignment = oneOf(['top', 'center', 'bottom'], { nullable: true });
const spacing = oneOf(['default', 'none', 'small', 'medium', 'large', 'extraLarge', 'padding']);
const blockHeight = oneOf(['auto', 'stretch']);
const imageSize = oneOf(['auto', 'stretch', 'small', 'medium', 'large']);
const textBlockStyle = oneOf(['default', 'heading'], { nullable: true });
const associatedInputs = oneOf(['auto', 'none']);
const fallbackDrop = oneOf(['drop']);
const relativeWidth: Rule = (value, path, walk) => {
  if (typeof value !== 'number' || !(value >= 0)) walk.report(path, 'value', `${describe(value)} is not a weight`);
};
/** The parser also takes a weight written as a string ("2"). */
const columnWidth: Rule = (value, path, walk) => {
  const valid =
    (typeof value === 'number' && value >= 0) ||
    (typeof value === 'string' && /^(auto|stretch|\d+(\.\d+)?(px)?)$/i.test(value));
  if (!valid) walk.report(path, 'value', `${describe(value)} is not "auto", "stretch", a weight or a pixel width like "50px"`);
};
const tableColumnWidth = either(relativeWidth, pixels, 'a weight or a pixel width like "50px"');

function listOf(item: Rule, options: { nonEmpty?: boolean } = {}): Rule {
  return (value, path, walk) => {
    if (!Array.isArray(value)) return walk.report(path, 'value', `must be an array, got ${describe(value)}`);
    if (options.nonEmpty && value.length === 0) walk.report(path, 'missing', 'must not be empty');
    value.forEach((entry, index) => item(entry, `${path}[${index}]`, walk));
  };
}

/** A nested object of a fixed type (Fact, TableRow, ...): its `type` may be left out but must match if given. */
function objectOf(typeName: string, spec: () => TypeSpec): Rule {
  return (value, path, walk) => walk.object(typeName, spec(), value, path);
}

const element: Rule = (value, path, walk) => walk.element(value, path);
const elements = listOf(element);
const anyAction: Rule = (value, path, walk) => walk.action(value, path, Object.keys(ACTIONS));
/** selectAction and inlineAction take any action but Action.ShowCard. */
const selectAction: Rule = (value, path, walk) =>
  walk.action(value, path, Object.keys(ACTIONS).filter((type) => type !== 'Action.ShowCard'));
/** `fallback` is "drop" or a replacement of the same kind, which is checked like any other. */
function fallbackTo(replacement: Rule): Rule {
  return (value, path, walk) =>
    typeof value === 'string' ? fallbackDrop(value, path, walk) : replacement(value, path, walk);
}
const elementFallback = fallbackTo(element);
const actionFallback = fallbackTo(anyAction);
const nestedCard: Rule = (value, path, walk) => walk.card(value, path, false);

const backgroundImageObject = objectOf('BackgroundImage', () => ({
  properties: {
    url: uriReference,
    fillMode: oneOf(['cover', 'repeatHorizontally', 'repeatVertically', 'repeat']),
    horizontalAlignment,
    verticalAlignment,
  },
  required: ['url'],
}));
const backgroundImage: Rule = (value, path, walk) =>
  typeof value === 'string' ? uriReference(value, path, walk) : backgroundImageObject(value, path, walk);

const ELEMENT_COMMON: Record<string, Rule> = {
  id: text,
  isVisible: flag,
  requires: requirements,
  fallback: elementFallback,
  height: blockHeight,
  separator: flag,
  spacing,
};

const INPUT_COMMON: Record<string, Rule> = {
  ...ELEMENT_COMMON,
  errorMessage: text,
  isRequired: flag,
  label: text,
};

const ACTION_COMMON: Record<string, Rule> = {
  title: text,
  iconUrl: uriReference,
  id: text,
  style: oneOf(['default', 'positive', 'destructive']),
  fallback: actionFallback,
  tooltip: text,
  isEnabled: flag,
  mode: oneOf(['primary', 'secondary']),
  requires: requirements,
};

const CONTAINER_LIKE: Record<string, Rule> = {
  items: elements,
  selectAction,
  style: containerStyle,
  verticalContentAlignment: verticalAlignment,
  bleed: flag,
  backgroundImage,
  minHeight: pixels,
  rtl: optionalFlag,
};

const textRun = objectOf('TextRun', () => ({
  properties: {
    text,
    color: colors,
    fontType,
    highlight: flag,
    isSubtle: optionalFlag,
    italic: flag,
    selectAction,
    size: fontSize,
    strikethrough: flag,
    underline: flag,
    weight: fontWeight,
  },
  required: ['text'],
}));

const IMAGE: TypeSpec = {
  properties: {
    ...ELEMENT_COMMON,
    url: uriReference,
    altText: text,
    backgroundColor: text,
    height: either(oneOf(['auto', 'stretch']), pixels, '"auto", "stretch" or a pixel height like "50px"'),
    horizontalAlignment,
    selectAction,
    size: imageSize,
    style: oneOf(['default', 'person']),
    width: pixels,
  },
  required: ['url'],
};

/** Column is not a standalone element: it only lives in ColumnSet.columns. */
const COLUMN: TypeSpec = {
  properties: {
    ...CONTAINER_LIKE,
    fallback: fallbackTo((value, path, walk) => walk.column(value, path)),
    separator: flag,
    spacing,
    width: columnWidth,
    id: text,
    isVisible: flag,
    requires: requirements,
  },
  // Not required by the 1.5 schema, but a Column without items is always a template mistake for us.
  required: ['items'],
};

const TABLE_CELL: TypeSpec = { properties: CONTAINER_LIKE, required: ['items'] };

const TABLE_ROW: TypeSpec = {
  properties: {
    cells: listOf(objectOf('TableCell', () => TABLE_CELL)),
    style: containerStyle,
    horizontalCellContentAlignment: horizontalAlignment,
    verticalCellContentAlignment: verticalAlignment,
  },
  required: ['cells'],
};

const ELEMENTS: Readonly<Record<string, TypeSpec>> = {
  TextBlock: {
    properties: {
      ...ELEMENT_COMMON,
      text: nonEmptyText,
      color: colors,
      fontType,
      horizontalAlignment,
      isSubtle: optionalFlag,
      maxLines: number,
      size: fontSize,
      weight: fontWeight,
      wrap: flag,
      style: textBlockStyle,
    },
    required: ['text'],
  },
  Image: IMAGE,
  Media: {
    properties: {
      ...ELEMENT_COMMON,
      sources: listOf(
        objectOf('MediaSource', () => ({ properties: { mimeType: text, url: uriReference }, required: ['mimeType', 'url'] })),
        { nonEmpty: true },
      ),
      poster: uriReference,
      altText: text,
    },
    required: ['sources'],
  },
  RichTextBlock: {
    properties: {
      ...ELEMENT_COMMON,
      inlines: listOf((value, path, walk) => (typeof value === 'string' ? undefined : textRun(value, path, walk))),
      horizontalAlignment,
    },
    required: ['inlines'],
  },
  Container: {
    properties: { ...ELEMENT_COMMON, ...CONTAINER_LIKE },
    required: ['items'],
  },
  ColumnSet: {
    properties: {
      ...ELEMENT_COMMON,
      columns: listOf((value, path, walk) => walk.column(value, path)),
      selectAction,
      style: containerStyle,
      bleed: flag,
      minHeight: pixels,
      horizontalAlignment,
    },
  },
  FactSet: {
    properties: {
      ...ELEMENT_COMMON,
      facts: listOf(objectOf('Fact', () => ({ properties: { title: text, value: text }, required: ['title', 'value'] }))),
    },
    required: ['facts'],
  },
  ImageSet: {
    properties: {
      ...ELEMENT_COMMON,
      images: listOf(objectOf('Image', () => IMAGE)),
      imageSize,
    },
    required: ['images'],
  },
  ActionSet: {
    properties: { ...ELEMENT_COMMON, actions: listOf(anyAction) },
    required: ['actions'],
  },
  Table: {
    properties: {
      ...ELEMENT_COMMON,
      columns: listOf(
        objectOf('TableColumnDefinition', () => ({
          properties: {
            width: tableColumnWidth,
            horizontalCellContentAlignment: horizontalAlignment,
            verticalCellContentAlignment: verticalAlignment,
          },
        })),
      ),
      rows: listOf(objectOf('TableRow', () => TABLE_ROW)),
      firstRowAsHeader: flag,
      showGridLines: flag,
      gridStyle: containerStyle,
      horizontalCellContentAlignment: horizontalAlignment,
      verticalCellContentAlignment: verticalAlignment,
    },
    // The schema leaves these optional; a table without columns or rows renders nothing.
    required: ['columns', 'rows'],
  },
  'Input.Text': {
    properties: {
      ...INPUT_COMMON,
      isMultiline: flag,
      maxLength: number,
      placeholder: text,
      regex: text,
      style: oneOf(['text', 'tel', 'url', 'email', 'password']),
      inlineAction: selectAction,
      value: text,
    },
    required: ['id'],
  },
  'Input.Number': {
    properties: { ...INPUT_COMMON, max: number, min: number, placeholder: text, value: number },
    required: ['id'],
  },
  'Input.Date': {
    properties: { ...INPUT_COMMON, max: text, min: text, placeholder: text, value: text },
    required: ['id'],
  },
  'Input.Time': {
    properties: { ...INPUT_COMMON, max: text, min: text, placeholder: text, value: text },
    required: ['id'],
  },
  'Input.Toggle': {
    properties: { ...INPUT_COMMON, title: text, value: text, valueOff: text, valueOn: text, wrap: flag },
    required: ['id', 'title'],
  },
  'Input.ChoiceSet': {
    properties: {
      ...INPUT_COMMON,
      choices: listOf(
        objectOf('Input.Choice', () => ({ properties: { title: text, value: text }, required: ['title', 'value'] })),
      ),
      isMultiSelect: flag,
      style: oneOf(['compact', 'expanded', 'filtered']),
      value: text,
      placeholder: text,
      wrap: flag,
    },
    required: ['id'],
  },
};

const ACTIONS: Readonly<Record<string, TypeSpec>> = {
  'Action.Execute': {
    properties: { ...ACTION_COMMON, verb: nonEmptyText, data: stringOrObject, associatedInputs },
    // Optional in the schema, but our bot routes Action.Execute invokes by verb.
    required: ['verb'],
  },
  'Action.OpenUrl': {
    properties: { ...ACTION_COMMON, url: absoluteUrl },
    required: ['url'],
  },
  'Action.ShowCard': {
    properties: { ...ACTION_COMMON, card: nestedCard },
    required: ['card'],
  },
  'Action.Submit': {
    // `data` is free-form, which also admits Teams' `data.msteams` (messageBack, imBack, invoke, signin).
    properties: { ...ACTION_COMMON, data: stringOrObject, associatedInputs },
  },
  'Action.ToggleVisibility': {
    properties: {
      ...ACTION_COMMON,
      targetElements: listOf((value, path, walk) => walk.toggleTarget(value, path), { nonEmpty: true }),
    },
    required: ['targetElements'],
  },
};

const version: Rule = (value, path, walk) => {
  const parts = typeof value === 'string' ? /^(\d+)\.(\d+)$/.exec(value) : null;
  if (!parts) return walk.report(path, 'version', `${describe(value)} is not a version like "1.5"`);
  const [major, minor] = [Number(parts[1]), Number(parts[2])];
  if (major > NEWEST_VERSION.major || (major === NEWEST_VERSION.major && minor > NEWEST_VERSION.minor)) {
    walk.report(path, 'version', `"${parts[0]}" is newer than Adaptive Cards 1.5, the newest Teams renders`);
  }
};

const schemaUrl: Rule = (value, path, walk) => {
  if (value !== CARD_SCHEMA_URL) walk.report(path, 'schema', `${describe(value)} is not "${CARD_SCHEMA_URL}"`);
};

const CARD: TypeSpec = {
  properties: {
    version,
    refresh: objectOf('Refresh', () => ({
      properties: {
        action: (value, path, walk) => walk.action(value, path, ['Action.Execute']),
        userIds: listOf(text),
      },
    })),
    authentication: objectOf('Authentication', () => ({
      properties: {
        text,
        connectionName: text,
        tokenExchangeResource: objectOf('TokenExchangeResource', () => ({
          properties: { id: text, uri: text, providerId: text },
          required: ['id', 'uri', 'providerId'],
        })),
        buttons: listOf(
          objectOf('AuthCardButton', () => ({
            properties: { title: text, image: text, value: text },
            required: ['value'],
          })),
        ),
      },
    })),
    body: elements,
    actions: listOf(anyAction),
    selectAction,
    fallbackText: text,
    backgroundImage,
    minHeight: pixels,
    rtl: optionalFlag,
    speak: text,
    lang: text,
    verticalContentAlignment: verticalAlignment,
    $schema: schemaUrl,
  },
};

/** Teams' own card extension: `msteams.width: "Full"` and @mention `entities`, allowed on the root card only. */
const mentionEntity: Rule = (value, path, walk) => {
  if (!isRecord(value)) walk.report(path, 'value', `must be an object, got ${describe(value)}`);
};
const teamsExtension: Rule = (value, path, walk) =>
  walk.object('msteams', { properties: { width: oneOf(['Full']), entities: listOf(mentionEntity) } }, value, path, {
    typed: false,
  });

const ROOT_CARD: TypeSpec = {
  properties: { ...CARD.properties, msteams: teamsExtension },
  required: ['version', '$schema'],
};

// ---------------------------------------------------------------------------------------------------------------
// The walk over a card, applying the table.

class SchemaWalk {
  readonly problems: Problem[] = [];
  private readonly ids: { id: string; path: string }[] = [];
  private readonly toggleTargets: { id: string; path: string }[] = [];

  report(path: string, family: Family, message: string): void {
    this.problems.push({ path, family, message });
  }

  card(value: unknown, path: string, root: boolean): void {
    if (!isRecord(value)) return this.report(path, 'value', `must be an Adaptive Card object, got ${describe(value)}`);
    // A wrong type is reported by object(); a missing one is only wrong on a card.
    if (value.type === undefined) this.report(joinPath(path, 'type'), 'type', 'a card needs "type": "AdaptiveCard"');
    this.object('AdaptiveCard', root ? ROOT_CARD : CARD, value, path);
  }

  element(value: unknown, path: string): void {
    const spec = this.typed(value, path, ELEMENTS, 'element', 'Adaptive Cards 1.5 element');
    if (spec) this.identified(this.object(String((value as Record<string, unknown>).type), spec, value, path), path);
  }

  action(value: unknown, path: string, allowed: readonly string[]): void {
    const spec = this.typed(value, path, ACTIONS, 'action', 'Adaptive Cards 1.5 action');
    if (!spec) return;
    const type = String((value as Record<string, unknown>).type);
    if (!allowed.includes(type)) this.report(joinPath(path, 'type'), 'type', `${type} is not allowed here`);
    this.identified(this.object(type, spec, value, path), path);
  }

  column(value: unknown, path: string): void {
    this.identified(this.object('Column', COLUMN, value, path), path);
  }

  toggleTarget(value: unknown, path: string): void {
    if (typeof value === 'string') {
      this.toggleTargets.push({ id: value, path });
      return;
    }
    const target = this.object(
      'TargetElement',
      { properties: { elementId: text, isVisible: optionalFlag }, required: ['elementId'] },
      value,
      path,
    );
    if (typeof target?.elementId === 'string') this.toggleTargets.push({ id: target.elementId, path });
  }

  /**
   * Checks an object against a spec: every property known to 1.5 for this type, required ones present.
   * Returns the object when it is one, for the caller's own checks.
   */
  object(
    typeName: string,
    spec: TypeSpec,
    value: unknown,
    path: string,
    options: { typed: boolean } = { typed: true },
  ): Record<string, unknown> | undefined {
    if (!isRecord(value)) {
      this.report(path, 'value', `${typeName} must be an object, got ${describe(value)}`);
      return undefined;
    }
    for (const [name, propertyValue] of Object.entries(value)) {
      const at = joinPath(path, name);
      if (name === 'type' && options.typed) {
        if (propertyValue !== typeName) this.report(at, 'type', `${describe(propertyValue)} must be "${typeName}"`);
        continue;
      }
      const rule = spec.properties[name];
      if (rule) rule(propertyValue, at, this);
      else this.report(at, 'property', `${typeName} has no property "${name}" in Adaptive Cards 1.5`);
    }
    for (const name of spec.required ?? []) {
      if (value[name] === undefined || value[name] === null) {
        this.report(joinPath(path, name), 'missing', `${typeName} requires "${name}"`);
      }
    }
    return value;
  }

  /** Card-wide checks that need the whole walk: unique ids, and toggle targets that exist. */
  finish(): Problem[] {
    const firstSeen = new Map<string, string>();
    for (const { id, path } of this.ids) {
      const earlier = firstSeen.get(id);
      if (earlier === undefined) firstSeen.set(id, path);
      else this.report(joinPath(path, 'id'), 'id', `id "${id}" is already used by ${displayPath(earlier)}`);
    }
    for (const { id, path } of this.toggleTargets) {
      if (!firstSeen.has(id)) this.report(path, 'value', `toggles "${id}", but no element has that id`);
    }
    return this.problems;
  }

  private typed(
    value: unknown,
    path: string,
    table: Readonly<Record<string, TypeSpec>>,
    what: string,
    known: string,
  ): TypeSpec | undefined {
    if (!isRecord(value)) {
      this.report(path, 'value', `an ${what} must be an object, got ${describe(value)}`);
      return undefined;
    }
    const type = value.type;
    if (typeof type !== 'string') {
      this.report(joinPath(path, 'type'), 'type', `an ${what} needs a "type"`);
      return undefined;
    }
    const spec = Object.hasOwn(table, type) ? table[type] : undefined;
    if (!spec) this.report(joinPath(path, 'type'), 'type', `"${type}" is not an ${known} (unknown or newer)`);
    return spec;
  }

  private identified(value: Record<string, unknown> | undefined, path: string): void {
    if (typeof value?.id === 'string') this.ids.push({ id: value.id, path });
  }
}

function schemaProblems(card: Record<string, unknown>): Problem[] {
  const walk = new SchemaWalk();
  walk.card(card, '', true);
  return walk.finish();
}

// ---------------------------------------------------------------------------------------------------------------
// Whole-card checks.

/** adaptivecards-templating leaves `${...}` in place when the data lacks the field, and `$when`/`$data` keys. */
function templateLeftovers(value: unknown, path: string): Problem[] {
  if (typeof value === 'string') {
    const expression = /\$\{[^}]*\}?/.exec(value)?.[0];
    return expression ? [{ path, family: 'template', message: `leftover template expression "${expression}"` }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((entry, index) => templateLeftovers(entry, `${path}[${index}]`));
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, entry]) => {
    const at = joinPath(path, key);
    const leftoverKey = key === '$data' || key === '$when' || key.includes('${');
    return [
      ...(leftoverKey ? [{ path: at, family: 'template' as const, message: `leftover template key "${key}"` }] : []),
      ...templateLeftovers(entry, at),
    ];
  });
}

function sizeProblems(card: Record<string, unknown>): Problem[] {
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (bytes <= TEAMS_CARD_BYTE_LIMIT) return [];
  return [{ path: '', family: 'size', message: `the card is ${bytes} bytes of JSON, over Teams' 28 KB limit` }];
}

// ---------------------------------------------------------------------------------------------------------------
// JSON paths.

/** Every object and array in the card, with its path, so parser events can be located. */
function indexPaths(root: unknown): Map<unknown, string> {
  const paths = new Map<unknown, string>();
  const visit = (value: unknown, path: string): void => {
    if (typeof value !== 'object' || value === null || paths.has(value)) return;
    paths.set(value, path);
    if (Array.isArray(value)) value.forEach((entry, index) => visit(entry, `${path}[${index}]`));
    else for (const [key, entry] of Object.entries(value)) visit(entry, joinPath(path, key));
  };
  visit(root, '');
  return paths;
}

function joinPath(path: string, property: string): string {
  const segment = /^[A-Za-z_$][\w$]*$/.test(property) ? property : JSON.stringify(property);
  if (path === '') return segment.startsWith('"') ? `[${segment}]` : segment;
  return segment.startsWith('"') ? `${path}[${segment}]` : `${path}.${segment}`;
}

function displayPath(path: string): string {
  return path === '' ? '(card)' : path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
