/** The fields of a sign-in log entry that the sign-in tests read; the others stay unknown. */
export interface SignInRecord {
  id: string;
  userId: string;
  appId: string;
  correlationId: string;
  createdDateTime: string;
  signInEventTypes: string[];
  status: { errorCode: number; [field: string]: unknown };
  location: { countryOrRegion: string; [field: string]: unknown };
  riskState?: string;
  [field: string]: unknown;
}
