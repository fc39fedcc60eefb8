import { AADSTS_NAMES, AADSTS_NAMES_GIVEN_AS_TEXT } from './aadstsNames';
import { ERROR_CODE_CATALOGUE, type ErrorCategory } from './errorCodeCatalogue';
import { ERROR_KINDS, tabledKindOf, type ErrorKindInfo } from './errorKinds';

export type { ErrorCategory } from './errorCodeCatalogue';
export type { ErrorKindInfo } from './errorKinds';

/** Microsoft Learn's reference of AADSTS codes: every listed code has a row there. */
export const ERROR_CODE_REFERENCE_URL = 'https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes';

/** What we know of a sign-in error code: always a label and the lookup link; our explanation when we have one. */
export interface ErrorCodeInfo {
  code: number;
  /** "AADSTS53000" */
  aadsts: string;
  /** Microsoft's CamelCase name, when the reference gives one. */
  name: string | null;
  /** A short label: ours when we know the code, else the official name, else the AADSTS number. */
  title: string;
  /** What kind of failure it is: from our own entry, else from the kinds table; undefined only for unlisted codes. */
  category?: ErrorCategory;
  /** The kind's label, meaning and usual admin action, when the kind is known. */
  kind?: ErrorKindInfo;
  explanation?: string;
  fix?: string;
  /** Microsoft's live error lookup page for the code. */
  lookupUrl: string;
  /** Microsoft Learn's page of error codes, for listed codes. */
  referenceUrl?: string;
  /** True when the project has its own explanation and fix. */
  explained: boolean;
}

/** Codes that pause a sign-in for the user rather than end it; a success normally follows. */
export function isInterruptCode(code: number): boolean {
  return ERROR_CODE_CATALOGUE.get(code)?.category === 'interrupt';
}

/** The kind of failure a code is: our own entry first, then the table of listed codes. */
export function errorKindOf(code: number): ErrorCategory | undefined {
  return ERROR_CODE_CATALOGUE.get(code)?.category ?? tabledKindOf(code);
}

export function errorCodeInfo(code: number): ErrorCodeInfo {
  const own = ERROR_CODE_CATALOGUE.get(code);
  const name = AADSTS_NAMES[code] ?? AADSTS_NAMES_GIVEN_AS_TEXT[code] ?? null;
  const category = errorKindOf(code);
  return {
    code,
    aadsts: `AADSTS${code}`,
    name,
    title: own?.title ?? name ?? `AADSTS${code}`,
    category,
    kind: category && ERROR_KINDS[category],
    explanation: own?.explanation,
    fix: own?.fix,
    lookupUrl: `https://login.microsoftonline.com/error?code=${code}`,
    referenceUrl: code in AADSTS_NAMES ? ERROR_CODE_REFERENCE_URL : undefined,
    explained: Boolean(own),
  };
}

/**
 * What a code means, for an answer: our own explanation, else the official name and what kind of failure it is.
 * Microsoft's own description stays on the lookup page; this never repeats it.
 */
export function errorCodeExplanation(info: ErrorCodeInfo): string {
  if (info.explanation) return info.explanation;
  const named = info.name ? ` Microsoft names it ${info.name}.` : '';
  if (!info.kind) return `I have no explanation of my own for ${info.aadsts} and it is not in the error reference I carry.${named} The error lookup page has Microsoft's description.`;
  return `I have no explanation of my own for ${info.aadsts}.${named} It is a failure of the kind "${info.kind.label}": ${info.kind.meaning} The error lookup page has Microsoft's description of this code.`;
}

/** What to do about a code: our own fix, else what admins usually do about its kind of failure. */
export function errorCodeFix(info: ErrorCodeInfo): string | undefined {
  if (info.fix) return info.fix;
  return info.kind && `What admins usually do about this kind of failure: ${info.kind.usualAction}`;
}

/** Every code the project explains in its own words. */
export function explainedCodes(): number[] {
  return [...ERROR_CODE_CATALOGUE.keys()];
}

/** Every code of Microsoft's error reference (the name table mirrors it). */
export function listedCodes(): number[] {
  return Object.keys(AADSTS_NAMES).map(Number);
}
