/**
 * Identity Protection risk detection types (riskEventType) for users and for service principals, explained in the
 * project's own words: what the detection means, what to check, what to do. Also the plain words for risk states
 * and risk details. Facts (names, timing, licences) follow Microsoft Learn's "What are risk detections?" and
 * "Securing workload identities" pages; the wording is ours.
 */
import { AliasIndex, normalise, type ConceptLink } from './concepts';

export type RiskSubject = 'user' | 'servicePrincipal';

export interface RiskTypeInfo {
  /** Graph's riskEventType value, e.g. "unfamiliarFeatures". */
  eventType: string;
  subject: RiskSubject;
  /** The name the Entra admin center shows, e.g. "Unfamiliar sign-in properties". */
  name: string;
  /** What it means, in plain words (2–3 sentences). */
  explanation: string;
  /** What an admin checks to decide whether it is real. */
  check: string;
  /** What to do when it is real (and when it is not). */
  action: string;
  /** realtime, offline or either. */
  timing: 'realtime' | 'offline' | 'either';
  /** Needs Entra ID P2 (users) / Workload ID Premium (service principals) to be reported by name. */
  premium: boolean;
  links: ConceptLink[];
  /** Lower-case phrases that name the type in a question ("unfamiliar sign-in properties"). */
  aliases: string[];
}

const LEARN = 'https://learn.microsoft.com/en-us/entra/id-protection';
const USER_PAGE = `${LEARN}/concept-identity-protection-risks`;
const WORKLOAD_PAGE = `${LEARN}/concept-workload-identity-risk`;

/** The detection's section on "What are risk detections?" (anchors as the page's own table links them). */
const userLink = (anchor?: string): ConceptLink => ({ title: 'What are risk detections?', url: anchor ? `${USER_PAGE}#${anchor}` : USER_PAGE });
const INVESTIGATE: ConceptLink = { title: 'Investigate risk', url: `${LEARN}/howto-identity-protection-investigate-risk` };
const WORKLOAD_DETECTIONS: ConceptLink = { title: 'Workload identity risk detections', url: `${WORKLOAD_PAGE}#workload-identity-risk-detections` };
const WORKLOAD_REMEDIATE: ConceptLink = { title: 'Remediate risky workload identities', url: `${WORKLOAD_PAGE}#remediate-risky-workload-identities` };
const WORKLOAD_INVESTIGATE: ConceptLink = { title: 'Investigate risky workload identities', url: `${WORKLOAD_PAGE}#investigate-risky-workload-identities` };

/** The bot explains; it never changes a password. Said wherever a reset is the answer. */
const SECURE_RESET = 'require a secure password reset (the assistant never resets passwords itself)';
const IF_COMPROMISED = `confirm the user compromised, ${SECURE_RESET} and revoke the user's sessions (block sign-in meanwhile if the attacker may also be able to pass MFA)`;
const SP_CLEAN_UP =
  'remove the credential that was used (all of them if unsure), add a new one (a certificate rather than a secret) and update the app, rotate any secrets the app can reach such as Key Vault secrets, and review the audit log for what the app changed';

type Entry = Omit<RiskTypeInfo, 'subject'>;

const USER_TYPES: Entry[] = [
  {
    eventType: 'unfamiliarFeatures',
    name: 'Unfamiliar sign-in properties',
    explanation:
      "Identity Protection keeps a profile of how each user normally signs in (IP address and network, location, device, browser) and flags a sign-in whose properties do not fit it. It is judged during the sign-in itself, so a sign-in risk policy can ask for MFA at once. New users are not checked until enough history has been learnt, and a trip, a new phone or a new laptop are common innocent causes.",
    check:
      "Open the sign-in and compare its IP address, location, device (operating system, browser, registered or compliant) and app with the user's usual sign-ins; the detection's additional info says which properties were new. See whether the IP address has other sign-ins from this user or from colleagues, and ask the user (by phone rather than only mail or Teams) whether it was them. Be more suspicious when it was a non-interactive sign-in: that can be a stolen token being replayed.",
    action: `If it came from a device the user normally uses, or the user recognises it (a trip, a new phone), it is very likely safe: confirm the sign-in safe. If the user did not sign in then, ${IF_COMPROMISED}, and check their MFA methods for ones they did not add.`,
    timing: 'realtime',
    premium: true,
    links: [userLink('unfamiliar-sign-in-properties'), INVESTIGATE],
    aliases: ['unfamiliar sign-in properties', 'unfamiliar sign in properties', 'unfamiliar features', 'unfamiliarfeatures', 'unfamiliar sign-in', 'unfamiliar properties'],
  },
  {
    eventType: 'unlikelyTravel',
    name: 'Atypical travel',
    explanation:
      'Two sign-ins of the same user came from places so far apart that travelling between them in the time between the sign-ins is unrealistic, and at least one place is unusual for the user. It is worked out offline, after the sign-ins, and the company\'s known VPN exits and places colleagues regularly use are filtered out. Remaining false alarms usually come from personal VPNs, mobile networks or cloud proxies that make a user appear elsewhere.',
    check:
      'Compare the two sign-ins: IP addresses, locations, devices and apps. Ask whether the user is travelling or uses a VPN, and see whether colleagues also sign in from the distant address (a shared VPN or proxy exit).',
    action: `If the user really travelled or the address is a sanctioned VPN, confirm the sign-in safe, and add the VPN's IP ranges to a named location so it stops recurring. Otherwise ${IF_COMPROMISED}.`,
    timing: 'offline',
    premium: true,
    links: [userLink('atypical-travel'), INVESTIGATE],
    aliases: ['atypical travel', 'unlikely travel', 'unlikelytravel'],
  },
  {
    eventType: 'mcasImpossibleTravel',
    name: 'Impossible travel',
    explanation:
      "Microsoft Defender for Cloud Apps saw the same user active from two distant places within a time too short to travel between them, and passed it to Identity Protection. It is the Defender for Cloud Apps counterpart of Identity Protection's own atypical travel detection, and needs Defender for Cloud Apps as well as Entra ID P2.",
    check:
      'Open the alert in Defender for Cloud Apps for the two activities, then compare the sign-ins behind them: IP addresses, locations, devices and apps. Ask whether the user travelled or uses a VPN.',
    action: `If the user travelled or the address is a sanctioned VPN, confirm it safe and add the VPN's ranges to a named location. Otherwise ${IF_COMPROMISED}.`,
    timing: 'offline',
    premium: true,
    links: [userLink('impossible-travel')],
    aliases: ['impossible travel', 'mcasimpossibletravel', 'mcas impossible travel'],
  },
  {
    eventType: 'impossibleTravel',
    name: 'Impossible travel (older detection)',
    explanation:
      'An older riskEventType value for two sign-ins from places too far apart for the time between them. Current tenants report the same idea as atypical travel (unlikelyTravel) or, from Defender for Cloud Apps, as impossible travel (mcasImpossibleTravel); this value can still appear in older records.',
    check: 'Compare the two sign-ins: IP addresses, locations, devices and apps, and ask whether the user travelled or uses a VPN.',
    action: `If the user travelled or used a sanctioned VPN, confirm it safe. Otherwise ${IF_COMPROMISED}.`,
    timing: 'offline',
    premium: true,
    links: [userLink()],
    aliases: ['impossibletravel'],
  },
  {
    eventType: 'anonymizedIPAddress',
    name: 'Anonymous IP address',
    explanation:
      'The sign-in came from an address that hides where the person really is, such as a Tor exit node or an anonymising VPN service. It is judged in real time and reported in every tenant, without P2. Privacy-minded users trigger it too, but attackers use these services to hide their origin.',
    check:
      "Look at the sign-in's IP address, app and device and whether it succeeded and passed MFA. Ask the user whether they use Tor or a privacy VPN, and look for sign-ins to other accounts from the same address.",
    action: `If the user uses such a tool knowingly, confirm the sign-in safe and remind them of the company's rules on it. If not, ${IF_COMPROMISED}. A sign-in risk policy that asks for MFA stops most of these by itself.`,
    timing: 'realtime',
    premium: false,
    links: [userLink('anonymous-ip-address')],
    aliases: ['anonymous ip address', 'anonymous ip', 'anonymized ip address', 'anonymised ip address', 'anonymizedipaddress', 'tor', 'tor browser', 'anonymizer', 'anonymous vpn'],
  },
  {
    eventType: 'riskyIPAddress',
    name: 'Activity from anonymous IP address',
    explanation:
      'Defender for Cloud Apps saw the user active in a cloud app from an address known to be an anonymous proxy, and passed it to Identity Protection. Unlike the real-time anonymous IP address detection it is worked out offline, from app activity rather than from the sign-in, and needs Defender for Cloud Apps.',
    check:
      "Open the alert in Defender for Cloud Apps to see what was done from the address, compare it with the user's sign-ins from the same IP address, and ask whether they used a proxy or privacy VPN.",
    action: `If the user knowingly used a proxy, confirm it safe. If not, ${IF_COMPROMISED}.`,
    timing: 'offline',
    premium: true,
    links: [userLink('activity-from-anonymous-ip-address')],
    aliases: ['activity from anonymous ip address', 'activity from anonymous ip', 'riskyipaddress', 'risky ip address'],
  },
  {
    eventType: 'maliciousIPAddress',
    name: 'Malicious IP address',
    explanation:
      "The sign-in came from an address with a bad reputation: it has produced many sign-ins with wrong passwords, or other Microsoft threat sources flag it. It is worked out offline, so it can arrive hours after the sign-in, and it sometimes reflects the address's past rather than this sign-in.",
    check:
      'Check whether the sign-in succeeded and passed MFA, which app and device it used, and whether the address is one the user or the company normally uses (a shared office, hotel or mobile network can carry a bad reputation). Look for failed sign-ins from the same address against other users.',
    action: `If the user normally works from that address, confirm the sign-in safe. If not, ${IF_COMPROMISED}, and consider blocking the address through a named location.`,
    timing: 'offline',
    premium: true,
    links: [userLink('malicious-ip-address'), INVESTIGATE],
    aliases: ['malicious ip address', 'malicious ip', 'maliciousipaddress', 'known bad ip', 'bad ip address'],
  },
  {
    eventType: 'malwareInfectedIPAddress',
    name: 'Malware linked IP address (retired)',
    explanation:
      'An older detection for sign-ins from addresses known to host devices infected with malware that talks to a botnet control server. Microsoft has retired it; it appears in older records, and its job is now done by the malicious IP address and threat intelligence detections.',
    check: "Look at the sign-in's IP address and device: is the address one of the company's or the user's home network, and is the device's malware protection up to date?",
    action: `Have the device scanned for malware. If the sign-in was not the user, ${IF_COMPROMISED}; if it was, dismiss the risk.`,
    timing: 'offline',
    premium: true,
    links: [userLink()],
    aliases: ['malware linked ip address', 'malware linked ip', 'malware infected ip address', 'malware infected ip', 'malwareinfectedipaddress'],
  },
  {
    eventType: 'suspiciousIPAddress',
    name: 'IP address with suspicious activity (older detection)',
    explanation:
      'An older detection for sign-ins from an address that had just shown many failed sign-ins across several accounts, a sign of password guessing. The malicious IP address detection has replaced it, and it now appears mostly in older records.',
    check: 'Check whether the sign-in succeeded and passed MFA, and look for failed sign-ins from the same address against other users around the same time.',
    action: `If the user normally works from that address, dismiss it or confirm it safe. If not, ${IF_COMPROMISED}.`,
    timing: 'offline',
    premium: true,
    links: [userLink()],
    aliases: ['suspicious ip address', 'suspicious ip', 'suspiciousipaddress', 'ip address with suspicious activity'],
  },
  {
    eventType: 'passwordSpray',
    name: 'Password spray',
    explanation:
      "An attacker tried a few common passwords against many accounts, and this user's password was one they got right. The detection is raised only when the password really was accepted, so it must be treated as known to the attacker even if MFA or Conditional Access stopped the sign-in. It can come in real time or offline and needs Entra ID P2.",
    check:
      "Look at the detected sign-in and what stopped it (MFA, Conditional Access) or let it through. Look for wrong-password failures (50126) and lockouts (50053) from the same IP addresses against other users in the same period, and at the user agent, app and protocol: sprays often use legacy authentication.",
    action: `The password is known: ${SECURE_RESET}, make sure the user is registered for MFA and that a policy requires it, and revoke their sessions. Check the other targeted users the same way, block legacy authentication, and consider blocking the source addresses.`,
    timing: 'either',
    premium: true,
    links: [userLink('password-spray'), INVESTIGATE],
    aliases: ['password spray', 'password spraying', 'passwordspray', 'spray attack', 'password spray attack'],
  },
  {
    eventType: 'investigationsThreatIntelligence',
    name: 'Microsoft Entra threat intelligence',
    explanation:
      "Microsoft's threat intelligence teams recognised the user's activity as matching a known attack, for example sign-ins from an address attackers use or a password spray aimed at the user. It is reported in every tenant, without P2, in real time or offline, and the detection's additional info says which kind of finding it was.",
    check:
      "Read the detection's additional info (its risk reasons, such as a suspicious IP or a password spray). See whether the IP address produces many failures for this or other users, whether it uses legacy protocols, and whether other users show the same pattern at the same time.",
    action: `Take it seriously: if the user does not recognise the activity, ${IF_COMPROMISED}, and look for other accounts hit by the same attack.`,
    timing: 'either',
    premium: false,
    links: [userLink('microsoft-entra-threat-intelligence-sign-in'), INVESTIGATE],
    aliases: ['microsoft entra threat intelligence', 'entra threat intelligence', 'threat intelligence', 'investigationsthreatintelligence', 'investigations threat intelligence'],
  },
  {
    eventType: 'newCountry',
    name: 'New country',
    explanation:
      'Defender for Cloud Apps saw the user active from a country that neither they nor, usually, anyone else in the organisation has been seen in before. It is worked out offline from cloud app activity and needs Defender for Cloud Apps.',
    check: 'Ask whether the user travelled there, and read the sign-ins from that country: IP address, device, app, and whether MFA was passed.',
    action: `If the user travelled, confirm it safe (and consider a Conditional Access policy for countries where you have no staff). If not, ${IF_COMPROMISED}.`,
    timing: 'offline',
    premium: true,
    links: [userLink('new-country')],
    aliases: ['new country', 'newcountry', 'infrequent country'],
  },
  {
    eventType: 'mcasFinSuspiciousFileAccess',
    name: 'Mass access to sensitive files',
    explanation:
      'Defender for Cloud Apps saw the user open an unusually large number of files in SharePoint or OneDrive, some of them likely sensitive. It can mean an attacker or an insider collecting data; it is worked out offline and needs Defender for Cloud Apps.',
    check: "Open the alert in Defender for Cloud Apps for the files and the time, and compare with the user's sign-ins then (IP address, device, location). Ask the user or their manager whether their work explains it.",
    action: `If nothing explains it, ${IF_COMPROMISED}, and involve your data protection team about what was read.`,
    timing: 'offline',
    premium: true,
    links: [userLink('mass-access-to-sensitive-files')],
    aliases: ['mass access to sensitive files', 'mass file access', 'mcasfinsuspiciousfileaccess'],
  },
  {
    eventType: 'suspiciousBrowser',
    name: 'Suspicious browser',
    explanation:
      'The same browser was seen signing in suspiciously to several tenants from different countries, a pattern of attackers using one tool against many targets. It is worked out offline and needs Entra ID P2.',
    check: "Compare the sign-in's browser and user agent with what the user normally uses, look at its location and IP address, and ask whether they recognise it.",
    action: `If the browser is not one the user uses, ${IF_COMPROMISED}. If it is theirs and nothing else looks wrong, confirm the sign-in safe.`,
    timing: 'offline',
    premium: true,
    links: [userLink('suspicious-browser'), INVESTIGATE],
    aliases: ['suspicious browser', 'suspiciousbrowser'],
  },
  {
    eventType: 'suspiciousInboxForwarding',
    name: 'Suspicious inbox forwarding',
    explanation:
      "Defender for Cloud Apps found a suspicious forwarding rule in the user's mailbox, for example one that sends a copy of every message to an outside address. Attackers set such rules to keep reading mail after they lose access; it is worked out offline and needs Defender for Cloud Apps.",
    check: "Look at the user's inbox rules and forwarding settings in Exchange: who created the rule, when, and where it forwards to, and compare with the user's sign-ins around that time.",
    action: `If the user did not create the rule, remove it and ${IF_COMPROMISED}.`,
    timing: 'offline',
    premium: true,
    links: [userLink('suspicious-inbox-forwarding')],
    aliases: ['suspicious inbox forwarding', 'inbox forwarding', 'suspiciousinboxforwarding', 'forwarding rule'],
  },
  {
    eventType: 'mcasSuspiciousInboxManipulationRules',
    name: 'Suspicious inbox manipulation rules',
    explanation:
      "Defender for Cloud Apps found inbox rules that delete or move messages or folders in a suspicious way. Attackers use them to hide replies and warnings while they send mail from the account; it is worked out offline and needs Defender for Cloud Apps.",
    check: "Look at the user's inbox rules in Exchange (who created them and when), their sent mail, and their sign-ins around that time.",
    action: `Remove rules the user did not create and ${IF_COMPROMISED}.`,
    timing: 'offline',
    premium: true,
    links: [userLink('suspicious-inbox-manipulation-rules')],
    aliases: ['suspicious inbox manipulation rules', 'inbox manipulation rules', 'inbox manipulation', 'mcassuspiciousinboxmanipulationrules'],
  },
  {
    eventType: 'tokenIssuerAnomaly',
    name: 'Token issuer anomaly',
    explanation:
      'A SAML token used to sign in came from the trusted federation server (such as AD FS) but carries unusual claims, or claims that match known attacks. It can mean the federation server or its signing certificate is compromised, which would let an attacker mint tokens for any user. It is worked out offline and needs Entra ID P2.',
    check:
      "Check the sign-in's token issuer, the federation server's own logs for that token, changes to the federation settings and signing certificate in the audit log, and whether other users have the same detection.",
    action: `Treat it as serious: confirm the sign-in compromised, involve whoever runs the federation servers, rotate the token-signing certificate if it may be stolen, and for the affected users ${SECURE_RESET} and revoke their sessions.`,
    timing: 'offline',
    premium: true,
    links: [userLink('token-issuer-anomaly'), INVESTIGATE],
    aliases: ['token issuer anomaly', 'tokenissueranomaly'],
  },
  {
    eventType: 'anomalousToken',
    name: 'Anomalous token',
    explanation:
      'A session or refresh token used for the user looks abnormal, for example it lived unusually long or was presented from an unfamiliar place. That can mean a stolen token being replayed, which gets round both the password and MFA. It comes in real time or offline, and at low and medium levels it gives more false alarms than most detections.',
    check:
      "Compare the sign-in's location, IP address, app, user agent and device with the user's recent sign-ins; the same session used from two places at once is a strong sign. Ask whether the user recognises the activity.",
    action: `If it was not the user, revoke the user's sessions so the stolen token stops working, ${SECURE_RESET} and confirm the user compromised. If everything matches the user's normal pattern, confirm the sign-in safe.`,
    timing: 'either',
    premium: true,
    links: [userLink('anomalous-token-sign-in'), INVESTIGATE],
    aliases: ['anomalous token', 'anomaloustoken', 'token replay', 'token theft'],
  },
  {
    eventType: 'nationStateIP',
    name: 'Verified threat actor IP',
    explanation:
      "The sign-in came from an address that Microsoft's threat intelligence links to a nation-state group or a cybercrime group. It is judged in real time and needs Entra ID P2.",
    check: "Check whether the sign-in succeeded and passed MFA, which app it reached, and whether the same address appears in other users' sign-ins.",
    action: `Treat it as an attack: if the sign-in succeeded, ${IF_COMPROMISED}, then review what the account did afterwards in the audit log. Block the address through a named location.`,
    timing: 'realtime',
    premium: true,
    links: [userLink('verified-threat-actor-ip')],
    aliases: ['verified threat actor ip', 'threat actor ip', 'nation state ip', 'nation-state ip', 'nationstateip'],
  },
  {
    eventType: 'anomalousUserActivity',
    name: 'Anomalous user activity',
    explanation:
      'Identity Protection learns how admins normally change the directory and flagged a change that breaks the pattern, such as an unusual change to users, roles or apps. It can be raised on the admin who made the change or on the object that was changed; it is worked out offline and needs Entra ID P2.',
    check: 'Read the audit log for the changes the account made around the detection (what, when, from which IP address), and ask the admin whether they made them.',
    action: `If the admin did not make the changes, undo them, ${IF_COMPROMISED}, and review the roles the account holds.`,
    timing: 'offline',
    premium: true,
    links: [userLink('anomalous-user-activity')],
    aliases: ['anomalous user activity', 'anomaloususeractivity'],
  },
  {
    eventType: 'attackerinTheMiddle',
    name: 'Attacker in the middle',
    explanation:
      "The user's sign-in went through a malicious reverse proxy: a phishing page that relays the real sign-in and captures the password and the session token on the way, so MFA does not protect the account. It is raised offline, puts the user at high risk, and relies on Defender for Cloud Apps (Microsoft 365 E5 with EMS E5).",
    check: 'Find the sign-in linked to the detection and the sign-ins that reused the session afterwards (their IP addresses and apps), and ask the user whether they followed a link in an email.',
    action: `Revoke the user's sessions so the stolen token stops working, ${SECURE_RESET}, confirm the user compromised, and consider phishing-resistant MFA for them.`,
    timing: 'offline',
    premium: true,
    links: [userLink('attacker-in-the-middle')],
    aliases: ['attacker in the middle', 'adversary in the middle', 'attackerinthemiddle', 'aitm', 'man in the middle'],
  },
  {
    eventType: 'leakedCredentials',
    name: 'Leaked credentials',
    explanation:
      "Microsoft found the user's name and password in a breach dump, paste site or dark-web source and checked that the password still matches the current one, so the password must be treated as public. It is reported offline in every tenant, without P2, always at high risk; for accounts synced from on-premises it needs password hash sync.",
    check:
      "Compare the user's last password change (lastPasswordChangeDateTime) with the detection time, and look at recent sign-ins for ones the user does not recognise, especially successful ones from unfamiliar IP addresses or without MFA.",
    action: `${SECURE_RESET[0].toUpperCase()}${SECURE_RESET.slice(1)}: through a user risk policy, self-service reset with MFA, or an admin-issued reset; then revoke the user's sessions. Confirm the user compromised if any sign-in was not theirs, and tell them not to reuse the password anywhere.`,
    timing: 'offline',
    premium: false,
    links: [userLink('leaked-credentials'), INVESTIGATE],
    aliases: ['leaked credentials', 'leaked credential', 'leakedcredentials', 'leaked password', 'credential leak', 'leaked creds'],
  },
  {
    eventType: 'attemptedPrtAccess',
    name: 'Possible attempt to access Primary Refresh Token (PRT)',
    explanation:
      'Microsoft Defender for Endpoint saw something on a device try to read the Primary Refresh Token, the token Windows and mobile devices use for single sign-on; with it an attacker can sign in as the user elsewhere. It is raised offline, puts the user at high risk, and only appears where Defender for Endpoint is deployed.',
    check: "Find the device and the alert behind the detection in Defender for Endpoint, and check the user's sign-ins from other devices since then.",
    action: `Isolate and clean the device, revoke the user's sessions, ${SECURE_RESET}, and confirm the user compromised.`,
    timing: 'offline',
    premium: true,
    links: [userLink('possible-attempt-to-access-primary-refresh-token-prt')],
    aliases: ['possible attempt to access primary refresh token', 'possible attempt to access prt', 'attempt to access prt', 'primary refresh token', 'prt access', 'attemptedprtaccess'],
  },
  {
    eventType: 'suspiciousAPITraffic',
    name: 'Suspicious API traffic',
    explanation:
      "The user's account made Microsoft Graph calls or directory lookups in an unusual way, such as listing large parts of the directory. That can be an attacker exploring the tenant after taking over the account; it is worked out offline and needs Entra ID P2.",
    check: 'See which apps the user signed in to around then (PowerShell, Graph Explorer, scripts), from which IP address and device, and ask whether they ran scripts or reports.',
    action: `If it was a legitimate script or report, dismiss the risk. Otherwise ${IF_COMPROMISED}, and review the app consents the user granted.`,
    timing: 'offline',
    premium: true,
    links: [userLink('suspicious-api-traffic')],
    aliases: ['suspicious api traffic', 'suspiciousapitraffic', 'directory enumeration'],
  },
  {
    eventType: 'suspiciousSendingPatterns',
    name: 'Suspicious sending patterns',
    explanation:
      'Microsoft Defender for Office 365 saw the user send suspicious mail, and the user may now be restricted from sending. A mailbox taken over to send spam or phishing is the usual cause; it raises the user to medium risk, offline, and only appears where Defender for Office 365 is deployed.',
    check: "Look at the user's sent mail and the Defender alert, their inbox rules, and their recent sign-ins for unfamiliar IP addresses or devices.",
    action: `If the user did not send the mail, ${IF_COMPROMISED}, remove inbox rules they did not create, then lift the sending restriction in Defender.`,
    timing: 'offline',
    premium: true,
    links: [userLink('suspicious-sending-patterns')],
    aliases: ['suspicious sending patterns', 'suspicious sending', 'suspicioussendingpatterns'],
  },
  {
    eventType: 'userReportedSuspiciousActivity',
    name: 'User reported suspicious activity',
    explanation:
      'The user got an MFA prompt they had not asked for, denied it and reported it as suspicious; an unexpected prompt usually means someone else knows their password. It needs the "report suspicious activity" MFA setting turned on, and Entra ID P2.',
    check: 'Find the sign-in that caused the prompt (IP address, location, app, device), and confirm with the user that they did not start it.',
    action: `The password is probably known: ${SECURE_RESET}, revoke the user's sessions, and confirm the user compromised if the sign-in was not theirs.`,
    timing: 'offline',
    premium: true,
    links: [userLink('user-reported-suspicious-activity')],
    aliases: ['user reported suspicious activity', 'reported suspicious activity', 'report suspicious activity', 'userreportedsuspiciousactivity'],
  },
  {
    eventType: 'generic',
    name: 'Additional risk detected',
    explanation:
      'One of the premium detections fired, but the tenant has no Entra ID P2, so Identity Protection shows it only as additional risk without saying which one. It can be raised on a sign-in or on the user, in real time or offline.',
    check: 'Look at the sign-in or user the detection points to: IP address, location, device, app and whether MFA was passed, and ask the user whether they recognise it.',
    action: `Treat it as unexplained risk: if the user does not recognise the activity, ${IF_COMPROMISED}; otherwise confirm it safe. With P2 the detection would be named.`,
    timing: 'either',
    premium: false,
    links: [userLink('additional-risk-detected-sign-in')],
    aliases: ['additional risk detected', 'additional risk', 'generic risk', 'generic'],
  },
  {
    eventType: 'adminConfirmedUserCompromised',
    name: 'Admin confirmed user compromised',
    explanation:
      'An admin marked this user as compromised, in the risky users report or through the Graph API, which sets the user risk to high. Risk-based policies then act on the user until the risk is remediated.',
    check: "Read the user's risk history to see which admin confirmed it and when, and the detections that led there.",
    action: `Finish the clean-up: ${SECURE_RESET}, revoke the user's sessions, and remove MFA methods and app consents the attacker may have added.`,
    timing: 'offline',
    premium: false,
    links: [userLink('admin-confirmed-user-compromised')],
    aliases: ['admin confirmed user compromised', 'adminconfirmedusercompromised'],
  },
];

const SP_TYPES: Entry[] = [
  {
    eventType: 'investigationsThreatIntelligence',
    name: 'Microsoft Entra threat intelligence',
    explanation:
      "Microsoft's threat intelligence recognised activity by this app identity as matching a known attack pattern. It is worked out offline.",
    check:
      "Review the service principal's sign-ins (IP addresses, locations, resources reached), its credentials and the recent credential changes in the audit log, and the permissions it holds.",
    action: `If the app's owners cannot explain the activity, confirm the service principal compromised (disable it to stop it at once), ${SP_CLEAN_UP}.`,
    timing: 'offline',
    premium: true,
    links: [WORKLOAD_DETECTIONS, WORKLOAD_REMEDIATE],
    aliases: ['microsoft entra threat intelligence', 'entra threat intelligence', 'threat intelligence', 'investigationsthreatintelligence', 'investigations threat intelligence'],
  },
  {
    eventType: 'suspiciousSignins',
    name: 'Suspicious sign-ins',
    explanation:
      'The app identity signed in in a way that is unusual for it: a new IP address or network, another resource, user agent or country, a switch between hosting and non-hosting addresses, or a different kind of credential. Identity Protection learns each service principal\'s normal pattern over 2 to 60 days and reports a time rather than one sign-in. An authorised change, such as moving the app to a new host, can trigger it.',
    check:
      'Read the service principal sign-ins around the reported time (IP addresses, locations, resources and which credential was used) and ask the app\'s owners whether they match. Check the audit log for recent credential or configuration changes: who added a secret or certificate, and when.',
    action: `If the owners explain it (new hosting, new credential), dismiss the risk. If not, confirm the service principal compromised (disable it to stop it at once), ${SP_CLEAN_UP}.`,
    timing: 'offline',
    premium: true,
    links: [WORKLOAD_DETECTIONS, WORKLOAD_INVESTIGATE],
    aliases: ['suspicious sign-ins', 'suspicious sign-in', 'suspicious signins', 'suspicioussignins'],
  },
  {
    eventType: 'adminConfirmedServicePrincipalCompromised',
    name: 'Admin confirmed service principal compromised',
    explanation:
      'An admin marked this service principal compromised, in the risky workload identities report or through the Graph API, which sets its risk to high. Conditional Access for workload identities can then block it.',
    check: "Read the service principal's risk history to see who confirmed it and when, and the detections that led there.",
    action: `Finish the clean-up: ${SP_CLEAN_UP}; keep it disabled until that is done.`,
    timing: 'offline',
    premium: true,
    links: [WORKLOAD_DETECTIONS, WORKLOAD_REMEDIATE],
    aliases: ['admin confirmed service principal compromised', 'adminconfirmedserviceprincipalcompromised'],
  },
  {
    eventType: 'leakedCredentials',
    name: 'Leaked credentials',
    explanation:
      "A valid secret or certificate of this app was found where others can read it, most often committed to a public code repository such as GitHub, or in a data breach. Anyone who has it can sign in as the app with all the app's permissions; it is worked out offline.",
    check:
      "List the app's credentials (the detection's keyIds say which one leaked), look for service principal sign-ins with that credential from unfamiliar IP addresses, and read the audit log for recent credential changes on the app.",
    action:
      "Remove the leaked credential, add a new one (a certificate rather than a secret) and update the app to use it, rotate any secrets the app can reach such as Key Vault secrets, and review the audit log for what the app did with the leaked one. Remove the file or commit that exposed it, and confirm the service principal compromised if anyone else used it.",
    timing: 'offline',
    premium: true,
    links: [WORKLOAD_DETECTIONS, WORKLOAD_REMEDIATE],
    aliases: ['leaked credentials', 'leaked credential', 'leakedcredentials', 'leaked secret', 'leaked client secret', 'leaked certificate', 'credential leak', 'leaked creds'],
  },
  {
    eventType: 'maliciousApplication',
    name: 'Malicious application',
    explanation:
      "Microsoft disabled this app for breaking its terms of service, based on findings of Identity Protection and Defender for Cloud Apps. The app and its service principal show disabledByMicrosoftStatus DisabledDueToViolationOfServicesAgreement and cannot be deleted, which stops the app being added again.",
    check: 'See who consented to the app and which permissions it held, which users are assigned to it, and what it did: its sign-ins and the audit log entries it made.',
    action: 'Leave it disabled, remove the permission grants it held, investigate what data it reached, and tell the users who consented to it.',
    timing: 'offline',
    premium: true,
    links: [WORKLOAD_DETECTIONS, WORKLOAD_INVESTIGATE],
    aliases: ['malicious application', 'malicious app', 'maliciousapplication'],
  },
  {
    eventType: 'suspiciousApplication',
    name: 'Suspicious application',
    explanation:
      "Identity Protection or Defender for Cloud Apps suspect this app of breaking Microsoft's terms of service, but Microsoft has not disabled it. Such apps are often used to phish for consent or to reach data in other tenants.",
    check: "Look at the app's publisher and whether it is verified, its owners, the permissions it holds and who consented to them, and recent credential changes in the audit log.",
    action: 'If you do not trust it, disable the service principal, remove its permission grants and investigate what it reached; if it is a known, wanted app, dismiss the risk.',
    timing: 'offline',
    premium: true,
    links: [WORKLOAD_DETECTIONS, WORKLOAD_INVESTIGATE],
    aliases: ['suspicious application', 'suspicious app', 'suspiciousapplication'],
  },
  {
    eventType: 'anomalousServicePrincipalActivity',
    name: 'Anomalous service principal activity',
    explanation:
      'Identity Protection learns how app identities with admin rights normally change the directory and flagged a change by this service principal, or to it, that breaks the pattern. It is worked out offline.',
    check: 'Read the audit log for the changes the service principal made (or that were made to it) around the detection, and ask its owners whether they expected them; check for new credentials and new app roles it gained.',
    action: `If the owners did not expect the changes, undo them, confirm the service principal compromised (disable it to stop it at once), ${SP_CLEAN_UP}.`,
    timing: 'offline',
    premium: true,
    links: [WORKLOAD_DETECTIONS, WORKLOAD_INVESTIGATE],
    aliases: ['anomalous service principal activity', 'anomalousserviceprincipalactivity'],
  },
  {
    eventType: 'suspiciousAPITraffic',
    name: 'Suspicious API traffic',
    explanation:
      'The app identity made Microsoft Graph calls or enumerated the directory in an unusual way, which can mean someone using its permissions to explore the tenant or take data out. It is worked out offline.',
    check: "Look at the service principal's sign-ins around then (IP addresses, resources), the Graph permissions it holds, and recent credential changes in the audit log; ask its owners whether a new job or report explains the traffic.",
    action: `If a known job explains it, dismiss the risk. If not, confirm the service principal compromised (disable it to stop it at once), ${SP_CLEAN_UP}, and remove permissions it does not need.`,
    timing: 'offline',
    premium: true,
    links: [WORKLOAD_DETECTIONS, WORKLOAD_REMEDIATE],
    aliases: ['suspicious api traffic', 'suspiciousapitraffic', 'directory enumeration'],
  },
  {
    eventType: 'generic',
    name: 'Additional risk detected',
    explanation:
      'Identity Protection flagged the app identity without naming the detection; Graph uses the value "generic" for this. The details need Workload ID Premium.',
    check: "Review the service principal's sign-ins, its credentials and recent credential changes in the audit log, and the permissions it holds.",
    action: `If the owners cannot explain what you find, confirm the service principal compromised (disable it to stop it at once), ${SP_CLEAN_UP}; otherwise dismiss the risk.`,
    timing: 'offline',
    premium: true,
    links: [WORKLOAD_DETECTIONS],
    aliases: ['additional risk detected', 'additional risk', 'generic risk', 'generic'],
  },
];

const ALL: readonly RiskTypeInfo[] = [
  ...USER_TYPES.map((entry) => ({ ...entry, subject: 'user' as const })),
  ...SP_TYPES.map((entry) => ({ ...entry, subject: 'servicePrincipal' as const })),
];

const key = (eventType: string, subject: RiskSubject) => `${subject}:${eventType.toLowerCase()}`;
const BY_KEY = new Map(ALL.map((info) => [key(info.eventType, info.subject), info]));

/** "userPassedMFADrivenByRiskBasedPolicy" → "user passed MFA driven by risk based policy". */
export function splitCamelCase(value: string): string {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(' ')
    .map((word) => (/^[A-Z0-9]{2,}$/.test(word) ? word : word.toLowerCase()))
    .join(' ');
}

function unknownType(eventType: string, subject: RiskSubject): RiskTypeInfo {
  const words = splitCamelCase(eventType);
  const sp = subject === 'servicePrincipal';
  return {
    eventType,
    subject,
    name: words ? words[0].toUpperCase() + words.slice(1) : 'Unknown detection',
    explanation: `Identity Protection reported a detection of type "${eventType}", which this assistant does not describe yet.`,
    check: sp
      ? "Open the detection under Risky workload identities in the Entra admin center, then review the service principal's sign-ins, its credentials and the recent credential changes in the audit log."
      : 'Open the detection in the Entra admin center and review the sign-in or activity it points to: IP address, location, device and app, and whether the user recognises it.',
    action: sp
      ? `If the app's owners cannot explain the activity, confirm the service principal compromised and ${SP_CLEAN_UP}; otherwise dismiss the risk.`
      : `If the activity was not the user, ${IF_COMPROMISED}; otherwise confirm it safe or dismiss the risk.`,
    timing: 'either',
    premium: true,
    links: sp ? [WORKLOAD_DETECTIONS] : [userLink()],
    aliases: [eventType.toLowerCase()],
  };
}

/** The info for a riskEventType; an unknown type gets an honest generic entry, never an exception. */
export function riskTypeInfo(eventType: string, subject: RiskSubject): RiskTypeInfo {
  return BY_KEY.get(key(eventType ?? '', subject)) ?? unknownType(eventType ?? '', subject);
}

/** Every known type, for docs answers and tests. */
export function allRiskTypes(): RiskTypeInfo[] {
  return [...ALL];
}

/**
 * When this detection is raised and what licence shows it by name, in one or two plain sentences; the timing is left
 * out when the explanation already tells it.
 */
export function riskTypeFacts(info: RiskTypeInfo): string {
  const timing = {
    realtime: 'It is raised in real time, during the sign-in.',
    offline: 'It is raised offline, after the activity (often hours later).',
    either: 'It can be raised in real time or offline.',
  }[info.timing];
  const licence =
    info.subject === 'servicePrincipal'
      ? 'Full details need Microsoft Entra Workload ID Premium.'
      : info.premium
        ? 'Without Entra ID P2 it shows only as "Additional risk detected".'
        : 'Every tenant sees it by name; no P2 licence is needed.';
  return /\b(?:offline|real time)\b/.test(info.explanation) ? licence : `${timing} ${licence}`;
}

const ALIASES = new AliasIndex(ALL.flatMap((info) => [...new Set([info.eventType.toLowerCase(), ...info.aliases])].map((alias) => ({ info, alias }))));

/** Words that say the question is about an app identity rather than a person. */
const SERVICE_PRINCIPAL_WORDS =
  /\b(?:service[- ]?principals?|sps?|apps?|applications?|enterprise apps?|enterprise applications?|app registrations?|workload identit(?:y|ies)|workload ids?|managed identit(?:y|ies)|client secrets?|certificates?)\b/g;

export interface RiskTypeMatch {
  info: RiskTypeInfo;
  /** The alias found in the text; its length ranks it against a concept's alias. */
  alias: string;
  /** The words that chose the service principal reading ("for a service principal"), if any. */
  subjectWords: string[];
}

/**
 * The risk type a question names, with the alias that matched: the longest alias wins, and when a name exists for
 * both subjects (leaked credentials) words such as "service principal" or "app" choose the service principal one.
 */
export function findRiskTypeMatch(text: string): RiskTypeMatch | undefined {
  const normalised = normalise(text);
  const subjectWords = normalised.match(SERVICE_PRINCIPAL_WORDS) ?? [];
  const preferred: RiskSubject = subjectWords.length ? 'servicePrincipal' : 'user';
  let best: { info: RiskTypeInfo; alias: string } | undefined;
  for (const entry of ALIASES.candidates(normalised)) {
    if (best && entry.alias.length < best.alias.length) continue;
    if (best && entry.alias.length === best.alias.length && (best.info.subject === preferred || entry.info.subject !== preferred)) continue;
    if (entry.pattern.test(normalised)) best = entry;
  }
  if (!best) return undefined;
  return { info: best.info, alias: best.alias, subjectWords: best.info.subject === 'servicePrincipal' ? subjectWords : [] };
}

/** Finds a risk type named in a question ("what is an unfamiliar sign-in properties detection?"). */
export function findRiskType(text: string): RiskTypeInfo | undefined {
  return findRiskTypeMatch(text)?.info;
}

const RISK_STATES: Record<string, string> = {
  none: 'no risk',
  confirmedSafe: 'confirmed safe',
  remediated: 'remediated',
  dismissed: 'dismissed',
  atRisk: 'at risk',
  confirmedCompromised: 'confirmed compromised',
  unknownFutureValue: 'unknown',
};

/** The riskState values with hand-written words (Graph's riskState enum). */
export const KNOWN_RISK_STATES: readonly string[] = Object.keys(RISK_STATES);

/** riskState in plain words: "atRisk" → "at risk", "confirmedCompromised" → "confirmed compromised". */
export function riskStateText(state: string | null | undefined): string {
  if (!state) return 'unknown';
  return RISK_STATES[state] ?? splitCamelCase(state);
}

const RISK_DETAILS: Record<string, string> = {
  none: '',
  adminGeneratedTemporaryPassword: 'an admin gave the user a temporary password',
  userPerformedSecuredPasswordChange: 'the user changed their password securely',
  userPerformedSecuredPasswordReset: 'the user reset their password securely',
  adminConfirmedSigninSafe: 'an admin confirmed the sign-in safe',
  aiConfirmedSigninSafe: "Microsoft's detection judged the sign-in safe by itself",
  userPassedMFADrivenByRiskBasedPolicy: 'the user passed MFA asked for by a risk-based policy',
  adminDismissedAllRiskForUser: 'an admin dismissed all risk for the user',
  adminConfirmedSigninCompromised: 'an admin confirmed the sign-in compromised',
  hidden: 'the details are hidden: the tenant lacks the licence to see them',
  adminConfirmedUserCompromised: 'an admin confirmed the user compromised',
  unknownFutureValue: 'a reason this assistant does not know yet',
  m365DAdminDismissedDetection: 'an admin dismissed the detection in Microsoft Defender XDR',
  adminConfirmedServicePrincipalCompromised: 'an admin confirmed the service principal compromised',
  adminDismissedAllRiskForServicePrincipal: 'an admin dismissed all risk for the service principal',
  userChangedPasswordOnPremises: 'the user changed their password on-premises',
  adminDismissedRiskForSignIn: 'an admin dismissed the risk of the sign-in',
  adminConfirmedAccountSafe: 'an admin confirmed the account safe',
  adminConfirmedAgentSafe: 'an admin confirmed the agent safe',
  adminConfirmedAgentCompromised: 'an admin confirmed the agent compromised',
  adminDismissedRiskForAgent: 'an admin dismissed the risk for the agent',
  microsoftRevokedSessions: "Microsoft revoked the user's sessions",
};

/** The riskDetail values with hand-written words (Graph's riskDetail enum, v1.0 and beta). */
export const KNOWN_RISK_DETAILS: readonly string[] = Object.keys(RISK_DETAILS);

/** riskDetail in plain words: "adminDismissedAllRiskForUser" → "an admin dismissed all risk for the user". */
export function riskDetailText(detail: string | null | undefined): string {
  if (!detail) return '';
  return RISK_DETAILS[detail] ?? splitCamelCase(detail);
}
