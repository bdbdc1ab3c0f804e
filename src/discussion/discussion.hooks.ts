/** The hooks the discussion context raises (see common/events/hooks.ts and docs/architecture.md, "Ports"). */

/** A stored message of a send batch that mentions someone or answers a message (who may have to be told). */
export interface CommittedMessage {
  id: string;
  authorId: string;
  body: string;
  /** The users the message mentions (active members of the group, as stored). */
  mentions: string[];
  /** A reply's parent author, while an active member of the group; null otherwise. */
  parentAuthorId: string | null;
}

declare module '../common/events/hooks' {
  interface TransactionalHookMap {
    /**
     * A send batch stored messages that mention someone or reply to someone, in the batch's transaction (raised
     * only then: a batch without '@' or a parent commits in its one statement, as before). The notifications
     * context writes the mentions and replies to the outbox here, so they commit with the messages.
     */
    'messages.committed': {
      groupId: string;
      groupName: string;
      channelId: string;
      channelName: string;
      messages: CommittedMessage[];
    };
  }
}
