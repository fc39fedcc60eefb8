/**
 * The one module that knows Bot Framework hosting (with src/index.ts): the CloudAdapter, its authentication and
 * its turn error handler. Moving to the Microsoft 365 Agents SDK later means replacing this file and index.ts.
 */
import { randomUUID } from 'node:crypto';
import { Agent, type Dispatcher, request } from 'undici';
import {
  type Activity,
  CloudAdapter,
  CloudAdapterBase,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  ConfigurationServiceClientCredentialFactory,
  type TurnContext,
} from 'botbuilder';
import {
  type AuthenticateRequestResult,
  AuthenticationError,
  type ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  type ServiceClientCredentialsFactory,
  type UserTokenClient,
} from 'botframework-connector';
import * as ConnectorMappers from 'botframework-connector/lib/connectorApi/models/mappers';
import { Conversations } from 'botframework-connector/lib/connectorApi/operations/conversations';
import { createSerializer, HttpHeaders, type WebResourceLike } from 'botbuilder-stdlib/lib/azureCoreHttpCompat';
import type { BotConfig } from './config';
import type { Logger } from './logger';

/** A verified channel token is trusted again, without a second signature check, for at most this long. */
const VERIFIED_TOKEN_TTL_MS = 5 * 60_000;
/** Distinct tokens remembered at once (the channel reuses one token for many requests, about an hour). */
const MAX_VERIFIED_TOKENS = 10_000;
/** Reply clients kept at once: one per bot app id, channel service URL and audience (a handful in practice). */
const MAX_CLIENTS = 100;

/** A bounded map of clients by key: a client that failed to build is forgotten, so the next turn tries again. */
class ClientCache<T> {
  private readonly clients = new Map<string, Promise<T>>();

  get(key: string, build: () => Promise<T>): Promise<T> {
    const known = this.clients.get(key);
    if (known) return known;
    if (this.clients.size >= MAX_CLIENTS) this.clients.delete(this.clients.keys().next().value as string);
    const built = build();
    this.clients.set(key, built);
    built.catch(() => {
      if (this.clients.get(key) === built) this.clients.delete(key);
    });
    return built;
  }
}

/** The header botframework-connector sends a reply's conversation id in (its ConversationIdHttpHeaderName). */
const CONVERSATION_ID_HEADER = 'x-ms-conversation-id';
/** What @azure/core-client's serialization policy hands its serializer for a JSON body (no XML). */
const SERIALIZER_OPTIONS = { xml: { rootName: '', includeRoot: false, xmlCharKey: '_' } };
/** The request body mapper of botframework-connector's sendToConversation and replyToActivity operations. */
const ACTIVITY_BODY = { ...ConnectorMappers.Activity, required: true };

type ActivitySend = (conversationId: string, activityId: string | undefined, activity: Partial<Activity>) => Promise<{ id?: string } | undefined>;
type ReplyToActivity = (conversationId: string, activityId: string, activity: Partial<Activity>, ...more: unknown[]) => Promise<unknown>;
type SendToConversation = (conversationId: string, activity: Partial<Activity>, ...more: unknown[]) => Promise<unknown>;

/**
 * botbuilder's CloudAdapter sends every reply with `conversations.replyToActivity(conversation.id, replyToId,
 * activity)` or `conversations.sendToConversation(conversation.id, activity)` (CloudAdapterBase.sendActivities), and
 * LeanReplies replaces those two methods on the clients it is given. It stops start-up if this botbuilder no longer
 * sends that way, or if botframework-connector's models, serializer or credentials are no longer where it reads them.
 */
export function checkReplyPath(): void {
  const send = String((CloudAdapterBase.prototype as { sendActivities?: unknown }).sendActivities);
  const problems = [
    !send.includes('connectorClient.conversations.replyToActivity(activity.conversation.id, activity.replyToId, activity)') &&
      'CloudAdapterBase.sendActivities no longer calls conversations.replyToActivity(conversation.id, replyToId, activity)',
    !send.includes('connectorClient.conversations.sendToConversation(activity.conversation.id, activity)') &&
      'CloudAdapterBase.sendActivities no longer calls conversations.sendToConversation(conversation.id, activity)',
    typeof Conversations.prototype.replyToActivity !== 'function' && 'Conversations has no replyToActivity',
    typeof Conversations.prototype.sendToConversation !== 'function' && 'Conversations has no sendToConversation',
    !(ConnectorMappers.Activity as { type?: { modelProperties?: unknown } }).type?.modelProperties && 'the Activity mapper has no modelProperties',
    !(ConnectorMappers.ResourceResponse as { type?: { modelProperties?: { id?: unknown } } }).type?.modelProperties?.id && 'the ResourceResponse mapper has no id',
  ].filter((problem): problem is string => typeof problem === 'string');
  if (problems.length) throw new Error(`botbuilder's reply path changed (${problems.join('; ')}): check LeanReplies in src/adapter.ts against this version`);
}

/**
 * Sends the channel a reply in one POST of the body botframework-connector would send. Its ConnectorClient turns each
 * reply into an @azure/core-client operation (URL and header templates, a PipelineRequest, a dozen pipeline policies
 * each awaiting the next, a WebResource copy for the credentials, node:http, the response deserialised by mapper):
 * for a card answer that was about a sixth of the bot's CPU a turn (docs/bench.md, "Session 13"). Here the body is
 * the same bytes (the connector's own serializer and Activity mapper, then JSON.stringify, as its serialization
 * policy does), the URL and the headers that matter are the same (Authorization from the client's own credentials,
 * x-ms-conversation-id on a reply, the JSON content type), and it goes out through undici on a kept-alive pool.
 *
 * Only a 2xx answer is handled here. Anything else (a refusal, throttling, a redirect, a server error, a network
 * failure before an answer) sends the activity again through the client's own method, so that its retry policies and
 * its RestError reach the caller exactly as before: a failed reply costs one more attempt, as its retry policy would.
 */
export class LeanReplies {
  private readonly serializer = createSerializer(ConnectorMappers);

  constructor(private readonly dispatcher: Dispatcher = new Agent()) {}

  /** Gives `client` the lean replyToActivity and sendToConversation; every other operation stays the library's. */
  attach(client: ConnectorClient): ConnectorClient {
    const conversations = client.conversations as unknown as { replyToActivity: ReplyToActivity; sendToConversation: SendToConversation };
    const libraryReply = conversations.replyToActivity.bind(conversations);
    const librarySend = conversations.sendToConversation.bind(conversations);
    const baseUri = (client as unknown as { baseUri?: string }).baseUri;
    if (!baseUri) return client;
    const root = baseUri.endsWith('/') ? baseUri : `${baseUri}/`;
    // What botbuilder's factory gave the client as its user agent (the library adds its pipeline's and Node's).
    const userAgent = (client as unknown as { options?: { userAgent?: unknown } }).options?.userAgent;
    const target = { client, root, userAgent: typeof userAgent === 'string' ? `${userAgent.replace(/\s+/g, ' ').trim()} Node/${process.version}` : undefined };
    const lean: ActivitySend = (conversationId, activityId, activity) => this.post(target, conversationId, activityId, activity);
    conversations.replyToActivity = (conversationId, activityId, activity, ...more) =>
      more.length || typeof conversationId !== 'string' || typeof activityId !== 'string'
        ? libraryReply(conversationId, activityId, activity, ...more)
        : lean(conversationId, activityId, activity).then((sent) => sent ?? libraryReply(conversationId, activityId, activity));
    conversations.sendToConversation = (conversationId, activity, ...more) =>
      more.length || typeof conversationId !== 'string'
        ? librarySend(conversationId, activity, ...more)
        : lean(conversationId, undefined, activity).then((sent) => sent ?? librarySend(conversationId, activity));
    return client;
  }

  /** The reply's ResourceResponse, or undefined when the library should send it instead (see the class). */
  private async post(
    { client, root, userAgent }: { client: ConnectorClient; root: string; userAgent?: string },
    conversationId: string,
    activityId: string | undefined,
    activity: Partial<Activity>,
  ): Promise<{ id?: string } | undefined> {
    let response: Dispatcher.ResponseData;
    try {
      // A body the serializer refuses, or credentials that cannot sign, fail in the library's own words below.
      const body = JSON.stringify(this.serializer.serialize(ACTIVITY_BODY, activity, 'activity', SERIALIZER_OPTIONS));
      const path = `v3/conversations/${encodeURIComponent(conversationId)}/activities${activityId === undefined ? '' : `/${encodeURIComponent(activityId)}`}`;
      const signed = await client.credentials.signRequest({ headers: new HttpHeaders() } as unknown as WebResourceLike);
      const headers: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        accept: '*/*',
        'x-ms-client-request-id': randomUUID(),
      };
      if (userAgent) headers['user-agent'] = userAgent;
      const authorization = signed.headers.get('authorization');
      if (authorization) headers.authorization = authorization;
      if (activityId !== undefined) headers[CONVERSATION_ID_HEADER] = conversationId;
      response = await request(root + path, { method: 'POST', headers, body, dispatcher: this.dispatcher });
    } catch {
      return undefined;
    }
    const accepted = response.statusCode >= 200 && response.statusCode < 300;
    let text: string;
    try {
      text = await response.body.text();
    } catch (err) {
      // Accepted is accepted: the reply is not sent twice, and the caller learns that its answer was cut off.
      if (accepted) throw err;
      return undefined;
    }
    return accepted ? resourceResponse(text, response.headers['content-type']) : undefined;
  }
}

/** A 2xx answer's ResourceResponse as the connector's deserialiser reads it: its id, when a JSON body names one. */
function resourceResponse(text: string, contentType: string | string[] | undefined): { id?: string } {
  const type = (Array.isArray(contentType) ? contentType[0] : contentType)?.split(';')[0].trim().toLowerCase();
  if (!text || (type !== 'application/json' && type !== 'text/json' && !type?.endsWith('+json'))) return {};
  const parsed = JSON.parse(text) as { id?: unknown } | null;
  return parsed && typeof parsed === 'object' && parsed.id !== undefined ? { id: parsed.id as string } : {};
}

/**
 * The connector clients of one bot app id, built once per service URL and audience and shared by every turn.
 * botbuilder's factory builds a new ConnectorClient (credentials and an @azure/core-client request pipeline) for
 * every activity; a client holds nothing of a turn, and its credentials fetch and cache their own tokens.
 */
class ReusedConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly appId: string,
    private readonly inner: ConnectorFactory,
    private readonly cache: ClientCache<ConnectorClient>,
    private readonly replies?: LeanReplies,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.cache.get(`${this.appId}\n${serviceUrl}\n${audience ?? ''}`, async () => {
      const client = await this.inner.create(serviceUrl, audience);
      return this.replies ? this.replies.attach(client) : client;
    });
  }
}

/** What botbuilder reads as the bot's app id from a request's claims (audience, else appid). */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return claimsIdentity.getClaimValue('aud') ?? claimsIdentity.getClaimValue('appid') ?? '';
}

/**
 * botbuilder answers a token it cannot verify (a forged signature, a malformed JWT) with 500, because only its own
 * AuthenticationError maps to 401. Every failure to authenticate a request is a 401 here, and no turn runs.
 *
 * A token verified once is not verified again for the same channel and service URL (the only parts of the activity
 * the check reads) until it expires, and for at most 5 minutes: the channel sends the same token with every activity
 * for about an hour, and each check (an RS256 signature, the key lookup, the claims) cost 0.22 ms of CPU, a sixth of
 * a bare bot's turn (docs/bench.md, "Load"). A refusal is never remembered.
 */
export class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly verified = new Map<string, { result: AuthenticateRequestResult; until: number }>();
  private readonly connectorClients = new ClientCache<ConnectorClient>();
  private readonly userTokenClients = new ClientCache<UserTokenClient>();
  private readonly replies?: LeanReplies;

  constructor(
    options: ConfigurationBotFrameworkAuthenticationOptions,
    credentials: ServiceClientCredentialsFactory,
    private readonly clock: () => number = Date.now,
    /** false: replies go through botframework-connector's own client (behind a proxy, which only it honours). */
    leanReplies = true,
  ) {
    super(options, credentials);
    if (leanReplies) this.replies = new LeanReplies();
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const key = authHeader?.trim() ? `${authHeader}\n${activity.channelId ?? ''}\n${activity.serviceUrl ?? ''}` : undefined;
    const now = this.clock();
    const known = key === undefined ? undefined : this.verified.get(key);
    if (known && known.until > now) return { ...known.result };
    if (known) this.verified.delete(key!);
    let result: AuthenticateRequestResult;
    try {
      result = await super.authenticateRequest(activity, authHeader);
    } catch (err) {
      if (err instanceof AuthenticationError) throw err;
      throw new AuthenticationError(`Unauthorized: ${(err as Error).message ?? 'token validation failed'}`, 401);
    }
    if (result.connectorFactory) result = { ...result, connectorFactory: this.reusing(result.claimsIdentity, result.connectorFactory) };
    // Only a token that says when it expires (never the anonymous identity of local mode).
    const expiresAt = Number(result.claimsIdentity.getClaimValue('exp')) * 1000;
    if (key !== undefined && expiresAt > now) {
      if (this.verified.size >= MAX_VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value as string);
      this.verified.set(key, { result, until: Math.min(expiresAt, now + VERIFIED_TOKEN_TTL_MS) });
    }
    return { ...result };
  }

  /** Proactive messages (continueConversationAsync) share the clients of the turns. */
  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(claimsIdentity, super.createConnectorFactory(claimsIdentity));
  }

  /**
   * botbuilder also builds a token service client (a second request pipeline) for every activity, used only by
   * sign-in prompts: one per bot app id serves them all.
   */
  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokenClients.get(appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }

  private reusing(claimsIdentity: ClaimsIdentity, factory: ConnectorFactory): ConnectorFactory {
    return factory instanceof ReusedConnectorFactory ? factory : new ReusedConnectorFactory(appIdOf(claimsIdentity), factory, this.connectorClients, this.replies);
  }
}

export interface AdapterOptions {
  bot: BotConfig;
  logger: Logger;
  /** Replaces the credentials used to reply to the channel (tests: a connector stub on loopback). */
  credentialsFactory?: ServiceClientCredentialsFactory;
}

export function authenticationOptions(bot: BotConfig): ConfigurationBotFrameworkAuthenticationOptions {
  const options: Record<string, string> = {};
  if (bot.appId) {
    options.MicrosoftAppId = bot.appId;
    options.MicrosoftAppType = bot.appType;
    if (bot.appPassword) options.MicrosoftAppPassword = bot.appPassword;
    if (bot.tenantId) options.MicrosoftAppTenantId = bot.tenantId;
  }
  if (bot.channel) {
    // Setting one endpoint key switches botbuilder to a configuration built from exactly these keys: set all.
    options.ToBotFromChannelOpenIdMetadataUrl = bot.channel.openIdMetadataUrl;
    options.ToBotFromEmulatorOpenIdMetadataUrl = bot.channel.openIdMetadataUrl;
    options.ToBotFromChannelTokenIssuer = bot.channel.tokenIssuer;
    options.ToChannelFromBotLoginUrl = bot.channel.loginUrl;
    options.ToChannelFromBotOAuthScope = bot.channel.oAuthScope;
    options.OAuthUrl = 'https://api.botframework.com';
    options.CallerId = 'urn:botframework:azure';
    options.ValidateAuthority = 'true';
  }
  return options;
}

/**
 * Entities are open-ended schema.org objects (Bot Framework activity spec), but botframework-connector 4.23's
 * serializer resolves each entity to its Entity model, which names only type, text and mentioned, and drops the rest
 * on the way to the channel: Teams' AI label (`@type`, `@context`, `additionalType`) would never arrive. Declaring
 * the model's additional properties keeps every property as sent (tests/llm/modelSettings.test.ts sees them).
 */
function keepEntityProperties(): void {
  const entity = ConnectorMappers.Entity as { type: { additionalProperties?: unknown } };
  entity.type.additionalProperties ??= { type: { name: 'Object' } };
}

export function createAdapter({ bot, logger, credentialsFactory }: AdapterOptions): CloudAdapter {
  keepEntityProperties();
  checkReplyPath();
  const options = authenticationOptions(bot);
  const credentials =
    credentialsFactory ??
    new ConfigurationServiceClientCredentialFactory({
      MicrosoftAppId: bot.appId,
      MicrosoftAppPassword: bot.appPassword,
      // Without an app id botbuilder talks to the channel anonymously; it only accepts that as MultiTenant.
      MicrosoftAppType: bot.appId ? bot.appType : 'MultiTenant',
      MicrosoftAppTenantId: bot.tenantId,
    });
  // Behind a proxy the library's pipeline is the one that reaches the channel (LeanReplies' undici does not use it).
  const adapter = new CloudAdapter(new StrictBotFrameworkAuthentication(options, credentials, Date.now, !bot.replyProxy));

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const correlationId = randomUUID();
    logger.error(
      { err: error, correlationId, conversationId: context.activity?.conversation?.id, activityType: context.activity?.type },
      'turn failed',
    );
    try {
      await context.sendActivity(
        `Sorry, something went wrong on my side and I could not answer. If it happens again, give your admin this reference: ${correlationId}`,
      );
    } catch (sendError) {
      logger.error({ err: sendError, correlationId }, 'could not send the apology');
    }
  };
  return adapter;
}
