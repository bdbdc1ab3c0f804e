/**
 * Demo messages in each active group's `general` channel, posted through MessagesService.send: the same path
 * the socket gateway's `message:send` takes, so seqs, thread parents and mentions are computed by the real code.
 * Idempotent through the service itself: each message carries a stable clientMessageId, and a repeated one is
 * answered with the first message (nothing inserted, nothing broadcast).
 */
import { ChannelsService } from '../../src/discussion/channels.service';
import { Channel } from '../../src/discussion/entities/channel.entity';
import { ChannelKind } from '../../src/discussion/discussion.enums';
import { MessagesService } from '../../src/discussion/messages.service';
import { demoUser, SeedContext } from './context';
import { DEMO_MESSAGES, demoClientMessageId } from './messages-data';

export async function seedMessages(ctx: SeedContext): Promise<void> {
  const messages = ctx.app.get(MessagesService, { strict: false });
  const channels = ctx.app.get(ChannelsService, { strict: false });
  for (const group of ctx.activeGroups) {
    const specs = DEMO_MESSAGES[group.slug];
    if (!specs) continue;
    // The `group.created` hook opened the channel; this is a no-op then (and creates it for older groups).
    await ctx.em.fork().transactional((tx) => channels.ensureGeneralChannel(tx, group.id));
    const channel = await ctx.em
      .fork()
      .findOneOrFail(Channel, { group: group.id, kind: ChannelKind.General }, { fields: ['id'] });
    const idByKey = new Map<string, string>();
    for (const spec of specs) {
      const author = demoUser(ctx, spec.author);
      const parentId = spec.replyTo ? idByKey.get(spec.replyTo) : undefined;
      if (spec.replyTo && !parentId)
        throw new Error(`demo message ${spec.key} replies to an unknown message`);
      const { message, created } = await messages.send(
        { id: author.id, role: author.role, sessionId: 'seed-demo' },
        {
          channelId: channel.id,
          clientMessageId: demoClientMessageId(group.slug, spec.key),
          body: spec.body,
          ...(parentId ? { parentId } : {}),
        },
      );
      idByKey.set(spec.key, message.id);
      if (created) ctx.tally.messages += 1;
    }
  }
}
