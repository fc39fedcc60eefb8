/**
 * The one module that knows Bot Framework hosting (with src/index.ts): the CloudAdapter, its authentication and
 * its turn error handler. Moving to the Microsoft 365 Agents SDK later means replacing this file and index.ts.
 */
import { randomUUID } from 'node:crypto';
import {
  type Activity,
  CloudAdapter,
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
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.cache.get(`${this.appId}\n${serviceUrl}\n${audience ?? ''}`, () => this.inner.create(serviceUrl, audience));
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

  constructor(
    options: ConfigurationBotFrameworkAuthenticationOptions,
    credentials: ServiceClientCredentialsFactory,
    private readonly clock: () => number = Date.now,
  ) {
    super(options, credentials);
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
    return factory instanceof ReusedConnectorFactory ? factory : new ReusedConnectorFactory(appIdOf(claimsIdentity), factory, this.connectorClients);
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
  const adapter = new CloudAdapter(new StrictBotFrameworkAuthentication(options, credentials));

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
