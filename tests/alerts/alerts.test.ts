import { strict as assert } from 'node:assert';
import { DEMO_ADMIN, DEMO_MEMBER } from '@entra-assistant/local-entra';
import { ensureDemoTenant } from '@entra-assistant/local-entra/demo';
import { DemoStack } from '../support/demoStack';
import { buttonsOf, TeamsChat } from '../support/teamsChat';
import { cardOf, cardText, TeamsChannel } from '../support/teamsChannel';
import type { ConnectorCall } from '../../src/cli/connectorServer';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The line that says what each alert is about (a risk card's banner, a role change's headline). */
function alertLine(call: ConnectorCall): string {
  return cardText(cardOf(call)).split('\n').find((line) => (line.startsWith('Alert:') && line !== 'Alert: privileged role change') || / was (added to|removed from) /.test(line)) ?? '';
}

/**
 * The channel's alerts about the names given. With ASSISTANT_NOW the bot's clock stands still at the demo's instant
 * while the local Entra's runs on, so a channel subscribed later still sees every event of this run: each test
 * looks at its own people.
 */
function alertsAbout(channel: TeamsChannel, names: readonly string[], after: number): string[] {
  return channel.newPosts(after).map(alertLine).filter((line) => names.some((n) => line.includes(n)));
}

async function waitForAlerts(channel: TeamsChannel, names: readonly string[], after: number, timeoutMs = 15_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  while (!names.every((n) => alertsAbout(channel, [n], after).length > 0)) {
    if (Date.now() > deadline) throw new Error(`expected alerts about ${names.join(', ')}; saw: ${channel.newPosts(after).map(alertLine).join(' | ')}`);
    await sleep(50);
  }
  return alertsAbout(channel, names, after);
}

describe('Proactive alerts to subscribed channels (the bot polls the local Entra, posts through the connector)', function () {
  this.timeout(120_000);
  let stack: DemoStack;

  before(async () => {
    // Polled every second; the reader is whoever subscribed (HELPDESK_READER unset).
    stack = await new DemoStack(await ensureDemoTenant(), { ALERTS_POLL_SECONDS: '1' }).start();
  });
  after(() => stack?.stop());

  function newChannel(): TeamsChannel {
    return new TeamsChannel(() => stack.botUrl, stack.connectorServer, stack.tenantDir);
  }

  async function say(channel: TeamsChannel, text: string, as: string = DEMO_ADMIN.userPrincipalName): Promise<string> {
    const before = stack.connectorServer.calls.length;
    const posted = await channel.post(text, as, { toBot: true });
    assert.equal(posted.status, 200, posted.body);
    return channel.repliesIn(posted.id, before).map((c) => (typeof c.body.text === 'string' ? c.body.text : '')).join('\n');
  }

  it('When a member without roles asks for alerts, then it is refused; /alerts with a wrong kind says what exists', async () => {
    const channel = newChannel();
    assert.match(await say(channel, '/alerts on high-risk users', DEMO_MEMBER.userPrincipalName), /Only an owner of this team or an admin/);
    assert.match(await say(channel, '/alerts on earthquakes'), /\/alerts on high-risk users/);
    assert.match(await say(channel, '/alerts'), /No alerts are on/);
  });

  it('When a user becomes high-risk after the channel subscribed, then one risk card with its actions is posted, once', async () => {
    const channel = newChannel();
    assert.match(await say(channel, '/alerts on high-risk users'), /Alerts on high-risk users are on in this channel.*Avery Admin, who turned it on/s);
    const before = stack.connectorServer.calls.length;
    await stack.localEntra.addEvent({ kind: 'riskyUser', user: 'megan.bowen@contoso.com', riskLevel: 'high' });
    await stack.localEntra.addEvent({ kind: 'riskyUser', user: 'diego.siciliani@contoso.com', riskLevel: 'medium' });
    await waitForAlerts(channel, ['Megan Bowen'], before);
    const alert = channel.newPosts(before).find((p) => alertLine(p).includes('Megan Bowen'))!;
    assert.match(alertLine(alert), /Alert: Megan Bowen is a high-risk user/);
    const card = cardOf(alert)!;
    const actions = buttonsOf(card).filter((b) => (b.data as { mitigate?: unknown } | undefined)?.mitigate);
    assert.ok(actions.length > 0, `the risk card's actions are on the alert, for an admin reader: ${buttonsOf(card).map((b) => b.title).join(', ')}`);
    await sleep(2500);
    const lines = alertsAbout(channel, ['Megan Bowen', 'Diego Siciliani'], before);
    assert.deepEqual(lines.length, 1, `one alert, posted once, and none for a medium risk: ${lines.join(' | ')}`);

    // The alert's action asks for confirmation, and the clicker's roles decide: a member is refused.
    const chat = new TeamsChat(stack.botUrl, stack.connectorServer, stack.tenantDir, true);
    const confirm = await chat.submit(card, actions[0].title, DEMO_ADMIN.userPrincipalName);
    assert.ok(buttonsOf(confirm.cards[0]).some((b) => b.title === 'Cancel'), `a confirmation card, nothing done yet: ${cardText(confirm.cards[0])}`);
    const refused = await chat.submit(card, actions[0].title, DEMO_MEMBER.userPrincipalName);
    assert.ok(!refused.cards.some((c) => buttonsOf(c).some((b) => b.title === 'Cancel')), 'no confirmation for someone without the role');
    assert.match(await say(channel, '/alerts off'), /All alerts are off/);
  });

  it('When a risky app and privileged role changes happen, then each is posted once; a non-privileged role change is not', async () => {
    const channel = newChannel();
    await say(channel, '/alerts on risky apps');
    assert.match(await say(channel, '/alerts on privileged role changes'), /privileged role changes are on/);
    assert.match(await say(channel, '/alerts'), /Alerts are on for risky apps, privileged role changes/);
    const before = stack.connectorServer.calls.length;
    await stack.localEntra.addEvent({ kind: 'riskyServicePrincipal', servicePrincipal: 'Payroll Connector', riskLevel: 'high' });
    await stack.localEntra.addEvent({ kind: 'roleChange', user: 'lee.gu@contoso.com', role: 'Privileged Role Administrator', by: DEMO_ADMIN.userPrincipalName });
    await stack.localEntra.addEvent({ kind: 'roleChange', user: 'lee.gu@contoso.com', role: 'Groups Administrator', by: DEMO_ADMIN.userPrincipalName });
    await waitForAlerts(channel, ['Payroll Connector', 'Lee Gu'], before);
    await sleep(2500);
    const posts = channel.newPosts(before);
    const lines = posts.map(alertLine).sort();
    assert.equal(lines.length, 2, `each once, and nothing for Groups Administrator: ${lines.join(' | ')}`);
    assert.match(lines.join('\n'), /Alert: the app Payroll Connector is at high risk/);
    assert.match(lines.join('\n'), /Lee Gu was added to Privileged Role Administrator by Avery Admin/);
    const roleCard = cardOf(posts.find((p) => alertLine(p).includes('Lee Gu'))!)!;
    assert.deepEqual(buttonsOf(roleCard).map((b) => b.title), ['Who holds Privileged Role Administrator?', 'What changed for Lee Gu?', 'Is Lee Gu at risk?']);
    await say(channel, '/alerts off');
  });

  it('When the bot restarts in the middle of an alert stream, then no alert is lost and none is repeated', async () => {
    const channel = newChannel();
    await say(channel, '/alerts on high-risk users');
    const before = stack.connectorServer.calls.length;
    // The connector takes the alerts up to Johanna's, then is down: the next is refused, so the stream stops mid-way.
    let johannaDelivered = false;
    stack.connectorServer.refuse = (call) => {
      if (!decodeURIComponent(call.path).includes(`/conversations/${channel.channelId}/activities`)) return undefined;
      if (johannaDelivered) return 503;
      johannaDelivered = JSON.stringify(call.body).includes('Johanna Lorenz is a high-risk user');
      return undefined;
    };
    const refusedBefore = stack.connectorServer.refused;
    const people = ['johanna.lorenz@contoso.com', 'joni.sherman@contoso.com', 'alex.wilber@contoso.com'];
    for (const user of people) await stack.localEntra.addEvent({ kind: 'riskyUser', user, riskLevel: 'high' });
    await waitForAlerts(channel, ['Johanna Lorenz'], before);
    const deadline = Date.now() + 10_000;
    while (stack.connectorServer.refused === refusedBefore && Date.now() < deadline) await sleep(50);
    assert.ok(stack.connectorServer.refused > refusedBefore, 'a later alert was refused by the connector');

    try {
      await stack.restartBot();
    } finally {
      stack.connectorServer.refuse = undefined;
    }
    const names = ['Johanna Lorenz', 'Joni Sherman', 'Alex Wilber'];
    await waitForAlerts(channel, names, before);
    await sleep(2500);
    const lines = alertsAbout(channel, names, before);
    for (const name of names) assert.equal(lines.filter((l) => l.includes(name)).length, 1, `${name} once: ${lines.join(' | ')}`);
    assert.equal(lines.length, 3);
    await say(channel, '/alerts off');
  });

  it('When Graph answers the poll with 429 and a Retry-After, then the next poll waits that long (not the 1 s interval)', async () => {
    const channel = newChannel();
    // Longer than the Graph client waits on its own (5 s), so only the poller's backoff can explain the wait.
    stack.localEntra.setFaults([{ kind: '429', pathPattern: '^/v1\\.0/identityProtection/riskyUsers$', retryAfterSeconds: 6, times: 1 }]);
    const started = Date.now();
    await say(channel, '/alerts on high-risk users');
    const before = stack.connectorServer.calls.length;
    await stack.localEntra.addEvent({ kind: 'riskyUser', user: 'isaiah.langer@contoso.com', riskLevel: 'high' });
    const [line] = await waitForAlerts(channel, ['Isaiah Langer'], before, 20_000);
    const waited = Date.now() - started;
    assert.match(line, /Isaiah Langer is a high-risk user/);
    assert.ok(waited >= 5_900, `the alert came ${waited} ms after the 429: the poller honoured Retry-After`);
    await sleep(1500);
    assert.equal(alertsAbout(channel, ['Isaiah Langer'], before).length, 1, 'posted once after the backoff');
    stack.localEntra.setFaults([]);
    await say(channel, '/alerts off');
  });
});
