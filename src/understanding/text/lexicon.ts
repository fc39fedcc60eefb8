import { allRiskTypes } from '../../knowledge/riskTypes';
import { CONCEPTS } from '../../knowledge/concepts';
/**
 * Words an admin's question is made of that are not names. A word outside this list (and not a misspelling of a
 * domain word) may be a name; capitalised words are names unless listed here as such.
 */
/** Grammar words: determiners, pronouns, prepositions, auxiliaries. */
const GRAMMAR_WORDS = `a about above after again against all also am an and any anyone anything anywhere are aren't around as at
be because been before being below between both but by can can't cannot cant could couldn't did didn't do does doesn't doing
don't done down during each either else ever every everyone everything everywhere few for from further get gets getting got
gotten had hadn't has hasn't have haven't having he he's her here hers herself him himself his how how's however i i'd i'll
i'm i've if in into is isn't isnt it it's its itself just keep keeps kept let let's like likely lot lots many may maybe me might
mine more most much must my myself neither never new next no nobody none nor not nothing now of off on once one only onto or
other others our ours ourselves out over own please pls plz rather really right same she she's should shouldn't since so some
someone something soon still such than that that's the their theirs them themselves then there there's these they they're
this those though through to too under until up upon us very via was wasn't we we're were weren't what what's whats when
when's where where's whether which while who who's whos whom whose why why's will with within without won't would wouldn't
yet you you're your yours yourself yourselves whatever whoever`;

/** Everyday words of chat and help-desk posts. */
const EVERYDAY_WORDS = `cover covers covered covering requires affected impacted unaffected protocol protocols removals additions removal addition moment headcount active zero size loops loop looping currently presently tally including counting ping pinged pinging nudge chase contact dm reach ok okay laptops laptop places place thanks thank cheers yes yeah hey hi hello hiya yo howdy heya sup
switch switched switching turn turned turning flip flipped enforce enforced enforcing tell showing list listing
become became becomes becoming lose lost loses losing left given attack attacked attacks unlock unlocked invite invited invites invitation invitations inviting complaint complaints complain complains complained based located case urgent urgently
person persons people guy lady colleague colleagues employee employees staff boss intern interns contractor contractors vendor vendors partner partners customer customers starter starters pc scanner legit
wifi wi-fi building buildings floor room license licence licenses licences licensed office offices desk
folks all team guys everyone anyone somebody quick question q one two three four five six seven eight nine ten eleven twelve
fifteen twenty thirty first last past previous recent recently lately again already ago earlier today yesterday tomorrow
tonight morning afternoon evening night week weeks weekend month months day days hour hours minute minutes year years
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun jan feb mar apr jun jul
aug sep sept oct nov dec january february march april june july august september october november december am pm
here's there's any ones idea ideas thoughts anybody pls please asap urgent urgently help thx ty fyi btw re hmm um uh oh
morning says said say saying reports reported tells told asked asks wants wanted needs needed tried trying tries
works worked working seems seemed think thought know knows knew go goes went come comes came call called calls make makes
made take takes took put try want need see saw seen look looks looking looked give gives go going told ask asking run runs
running ran stop stopped stops start started starts send sent write order schedule translate configure recommend create
book set setup tall near far big small good bad best great nice fine sure yes no ins high-risk medium-risk low-risk
figure out someone's anything everything stuff thing things way ways kind sort type types part parts whole bit
again also just still even ever only already almost enough quite rather very really pretty each every both either neither
weather joke poem pizza meeting room price stock game capital restaurant printer email toner forecast bucket laptop
says keeps gets got seems
sku skus mailbox mailboxes quota quotas typo typos mistyped pass passes matching rang ring rings reckon reckons reckoned swear swears swore mail mails syncing thunderbird important defined configured old older oldest interrupt interrupts audio video choppy laggy lagging freezing freezes frozen microphone camera phishing spam sender senders quarantine bitlocker kick kicks kicked kicking approve spins spinning steps step powershell several multiple lines sentences nutshell cost costs costing pricing prices hire hires hired rehire joiner joiners leaver leavers newbie newbies
cause causes caused reason reasons root messaged messages texted pinged bounced bouncing kicked
lol haha unrelated aside anyway anyways back meanwhile
date dates timestamp cleared clear clears clearing precise successfully succeed succeeds single-factor multi-factor two-factor similar story draft ticket tickets reply replies paste dept depts business anymore
conceptually plain terms honestly confusing supposed forwarded fwd screenshot`;

const DOMAIN_WORDS = `sign signs signed signing signin signins sign-in sign-ins signon login logins logon logged logging log logs in out
fail fails failed failing failure failures error errors code codes issue issues problem problems trouble troubleshoot
troubleshooting wrong broken blocked block blocking blocks denied deny locked lock lockout unable able access accessing get
getting into open opening use using prompt prompts prompted mfa 2fa authenticator authentication auth password passwords reset
authenticate authenticates authenticated authenticating
resets change changed changes changing modified modify modifies update updated updates created create creates deleted delete
added add adds removed remove removes assigned assign gave give granted grant disabled disable enabled enable enabling
disabling touched touch edit edited edits editing renamed rename moved restored approved consented
manage manages managed managing managers administer administers directly indirectly via carry carries allowed sitting sits
re-enable reenable re-enabled reactivate reactivated unblock unblocked renew renewed rotate rotated extend extended
found find finds finding happen happens happened
did done who what list show display find look lookup check investigate see view tell explain
describe summarize summarise summary count number how many much details detail info information about profile status state
risk risky riskiest risks at flagged flag flags detection detections event events alert alerts high medium low level levels
compromised compromise safe dismiss dismissed dismissing confirm confirmed revoke revoked sessions session tokens token refresh
kill terminate force forced make mark marked turn off everywhere user users account accounts guest guests member members
membership memberships group groups team teams owner owners owns own owned belong belongs part role roles admin admins
administrator administrators privileged assignments assignment holds hold holder holders has have reader readers app apps
application applications service principal principals sp sps enterprise registration registrations credential credentials
secret secrets certificate certificates cert certs expire expires expiring expired expiry permission permissions consent
client id ids object request requests correlation audit audits directory tenant policy policies conditional ca apply applies
applied affect affects target targets targeting hit hits excluded exclude include included report-only report only mode
legacy compliant device devices location locations named trusted untrusted country countries ip phone iphone android laptop
tablet mobile desktop browser portal windows mac manager job title department created synced sync on-prem on-premises
registered register methods method method's meaning mean means difference diff between work works calculate calculated concept
identity identities protection workload workloads entra azure ad aad microsoft graph logs activity history interactive
non-interactive successful success succeeded total all tenant-wide org organisation organization company our my new again
since from until between during within last past recent latest times time ago dynamic static security distribution unified
office office365 outside inside us eu usa travel impossible unfamiliar anonymous leaked fix fixing fixed solve resolve
happened happening happen going on gives give what's wrong why unable remediated remediation remediate still not yet kind
questions question ask commands command menu start can you do use good bot assistant entraassistant understand
top first second third main commonest mostly most least used popular busiest
name script scripts counts single factor background included incl headcount headcounts events retention retained tap taps city cities town hometown transitive transitively nested nesting inherited indirect indirectly direct directly modern populated populate populates membership-rule trip tripped trigger triggered flagged sorry bother bothering quick thing helpdesk help-desk servicedesk break-glass breakglass break glass emergency properly correctly longest oldest newest earliest sitting examples sources involved responsible behind exact exactly actual specific home domain domains diagnose diagnosis diagnosed investigate investigation`;

/** Words that are not names even when written with a capital letter. */
const CAPITALISED_WORDS = `i sorry among tap taps mfa ca aad aadsts entra azure microsoft graph pim sspr ad id ids sp sps upn ok hi hey hello
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october
november december am pm us eu usa uk it hr pop pop3 imap imap4 smtp mapi eas vpn sso saml oauth oidc fido fido2 mdm intune
os ip ips ga url dns linux windows macos mac ios ipados android chromebook chromeos ubuntu servicenow jira zendesk`;

function words(list: string): string[] {
  return list.split(/\s+/).filter(Boolean);
}

/** The words of every risk type and concept the assistant explains ("spray", "anomaly", "leakedcredentials"): never names. */
function knowledgeWords(): string[] {
  const phrases = [...allRiskTypes().flatMap((t) => [...t.aliases, t.eventType.toLowerCase(), t.name.toLowerCase()]), ...CONCEPTS.flatMap((c) => c.aliases)];
  return phrases.flatMap((p) => p.toLowerCase().split(/[^a-z0-9'-]+/)).filter((w) => w.length > 2);
}

export const LEXICON: ReadonlySet<string> = new Set([...words(GRAMMAR_WORDS), ...words(EVERYDAY_WORDS), ...words(DOMAIN_WORDS), ...knowledgeWords()]);
/** Grammar words that never start a name, even capitalised mid-sentence ("Show", "Is"). */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(words(GRAMMAR_WORDS));
export const CAPITALISED_NON_NAMES: ReadonlySet<string> = new Set(words(CAPITALISED_WORDS));

/**
 * Domain words a misspelling is corrected to. A short, deliberate list: everyday words ("means") would swallow
 * names one letter away ("megans"), and only lower-case words are corrected, so capitalised names stay as written.
 */
export const CORRECTABLE: readonly string[] = words(`signin signins login logins password passwords risky users groups
members membership memberships policy policies conditional access account accounts admins administrator administrators
global security sessions revoke dismiss disable disabled compromised confirm detections detection failed failing failure
blocked locked error secret secrets certificate certificates credentials expire expires expiring expired owners
application applications service principal principals changed audit roles assignments identity protection workload
users explain troubleshoot removed added enabled registered manager department authentication legacy compliant device
devices locations report history activity members privileged reader readers`);

/** Words whose misspellings are common enough to list outright. */
export const KNOWN_MISSPELLINGS: Readonly<Record<string, string>> = {
  sigin: 'signin',
  sigins: 'signins',
  singin: 'signin',
  signon: 'signin',
  logon: 'login',
  cnat: "can't",
  cant: "can't",
  cannt: "can't",
  whyy: 'why',
  wont: "won't",
  isnt: "isn't",
  doesnt: "doesn't",
  didnt: "didn't",
  whats: "what's",
  whos: "who's",
  pls: 'please',
  plz: 'please',
  usres: 'users',
  gruops: 'groups',
  onwer: 'owner',
  onwers: 'owners',
  membrs: 'members',
  pasword: 'password',
  passwrod: 'password',
  rsiky: 'risky',
  riksy: 'risky',
  dismis: 'dismiss',
  globl: 'global',
  gloabl: 'global',
  admn: 'admin',
  shwo: 'show',
  isssue: 'issue',
  riskdetections: 'risk detections',
  polcy: 'policy',
  polices: 'policies',
  compromized: 'compromised',
  // Short words one slip away, too short for the one-edit correction of longer words.
  wich: 'which',
  whcih: 'which',
  wihch: 'which',
  whihc: 'which',
  anyon: 'anyone',
  anyoen: 'anyone',
  anyonr: 'anyone',
  risy: 'risky',
  rsky: 'risky',
  riskey: 'risky',
  faild: 'failed',
  fialed: 'failed',
  faled: 'failed',
  grups: 'groups',
  gorup: 'group',
  gorups: 'groups',
  acount: 'account',
  amdin: 'admin',
  invted: 'invited',
  inivted: 'invited',
  amdins: 'admins',
  accout: 'account',
  accouts: 'accounts',
  acounts: 'accounts',
  useres: 'users',
  gests: 'guests',
  expiere: 'expire',
  teh: 'the',
  hte: 'the',
  waht: 'what',
  whta: 'what',
  wat: 'what',
  ppl: 'people',
  // Chat shorthand ("wat can u do", "is ur bot down").
  u: 'you',
  ur: 'your',
  ownr: 'owner',
  ownrs: 'owners',
};
