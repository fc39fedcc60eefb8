/**
 * The help-desk features in one place (ChannelFeatures): the message action, and in channels the /helpdesk and
 * /alerts commands and the triage of help-desk posts.
 */
import type { MessagingExtensionAction, MessagingExtensionActionResponse, TurnContext } from 'botbuilder';
import type { Logger } from '../logger';
import type { Recognizer } from '../understanding/types';
import { BackgroundWork } from './backgroundWork';
import type { ChannelFeatures, PreparedAnswerer } from './channelFeatures';
import { MessageAction } from './messageAction';
import type { Proactive } from './proactive';

export interface HelpDeskOptions {
  recognizer: Recognizer;
  logger: Logger;
  clock: () => Date;
  proactive: Proactive;
}

export class HelpDesk implements ChannelFeatures {
  private readonly background: BackgroundWork;
  private readonly action: MessageAction;

  constructor(private readonly options: HelpDeskOptions) {
    this.background = new BackgroundWork(options.logger);
    this.action = new MessageAction({ ...options, background: this.background });
  }

  async onMessage(_context: TurnContext, _bot: PreparedAnswerer): Promise<boolean> {
    return false;
  }

  messageAction(context: TurnContext, action: MessagingExtensionAction, bot: PreparedAnswerer): Promise<MessagingExtensionActionResponse> {
    return this.action.handle(context, action, bot);
  }

  idle(): Promise<void> {
    return this.background.idle();
  }
}
