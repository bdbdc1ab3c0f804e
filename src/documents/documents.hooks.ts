/** The hooks the documents context raises (see common/events/hooks.ts and docs/architecture.md, "Ports"). */

declare module '../common/events/hooks' {
  interface TransactionalHookMap {
    /**
     * A version was added to a document, the first one included (a new document): notifications tell the
     * group's members who may see it. Raised in the transaction that numbers the version.
     */
    'document.version_added': {
      documentId: string;
      groupId: string;
      versionNumber: number;
      actorId: string | null;
    };
  }
}

export {};
