import { AADSTS_NAMES } from './aadstsNames';
import { ERROR_CODE_CATALOGUE, type ErrorCategory } from './errorCodeCatalogue';

export type { ErrorCategory } from './errorCodeCatalogue';

/** What we know of a sign-in error code: always a label and the lookup link; our explanation when we have one. */
export interface ErrorCodeInfo {
  code: number;
  /** "AADSTS53000" */
  aadsts: string;
  /** Microsoft's CamelCase name, when the reference gives one. */
  name: string | null;
  /** A short label: ours when we know the code, else the official name, else the AADSTS number. */
  title: string;
  category?: ErrorCategory;
  explanation?: string;
  fix?: string;
  /** Microsoft's live error lookup page for the code. */
  lookupUrl: string;
  /** True when the project has its own explanation and fix. */
  explained: boolean;
}

/** Codes that pause a sign-in for the user rather than end it; a success normally follows. */
export function isInterruptCode(code: number): boolean {
  return ERROR_CODE_CATALOGUE.get(code)?.category === 'interrupt';
}

export function errorCodeInfo(code: number): ErrorCodeInfo {
  const own = ERROR_CODE_CATALOGUE.get(code);
  const name = AADSTS_NAMES[code] ?? null;
  return {
    code,
    aadsts: `AADSTS${code}`,
    name,
    title: own?.title ?? name ?? `AADSTS${code}`,
    category: own?.category,
    explanation: own?.explanation,
    fix: own?.fix,
    lookupUrl: `https://login.microsoftonline.com/error?code=${code}`,
    explained: Boolean(own),
  };
}

/** Every code the project explains in its own words. */
export function explainedCodes(): number[] {
  return [...ERROR_CODE_CATALOGUE.keys()];
}
