import { DomainHooks } from '../src/common/events/hooks';
import { ConflictError } from '../src/common/errors/domain-error';
import { GroupRole, GroupVisibility, MembershipStatus } from '../src/groups/groups.enums';
import { DocumentVersion } from '../src/documents/entities/document-version.entity';
import { NotificationKind, NotificationSubjectType } from '../src/notifications/notifications.enums';
import { createDocument, documentsConfig, postVersion, SAMPLE_PDF } from './factories/documents';
import { addMember, createGroup, useGroupCast } from './factories/groups';
import { ids, notificationsAbout, recipientsOf } from './factories/notifications';
import { createUser, TestUser } from './factories/users';

const pdf = { bytes: SAMPLE_PDF, filename: 'roadmap-v2.pdf' };

/** A document's versions tell the group's members who may see it; never outsiders, never the uploader. */
describe('notifications: document versions', () => {
  const { t, cast } = useGroupCast(documentsConfig());
  let invited: TestUser;

  beforeAll(async () => {
    invited = await createUser(t);
    await addMember(t, cast.group, invited, GroupRole.Member, MembershipStatus.Invited);
  });

  const members = () => ids(cast.civilSocietyAnchor, cast.member, cast.observer);

  it('a new document (its first version) tells every active member but the uploader, with its params', async () => {
    const doc = await createDocument(t, cast.governmentAnchor, cast.group.slug, {
      title: 'Open data roadmap',
      visibility: 'public',
    });
    const rows = await notificationsAbout(t, doc.id, NotificationKind.DocumentVersionAdded);
    expect(rows.map((n) => n.recipient.id).sort()).toEqual(members());
    expect(rows[0]).toMatchObject({
      subjectType: NotificationSubjectType.Document,
      actor: expect.objectContaining({ id: cast.governmentAnchor.id }),
    });
    expect(rows[0].params).toEqual({
      groupName: cast.group.name,
      documentTitle: 'Open data roadmap',
      versionNumber: 1,
    });
  });

  it('a new version of a members-only document tells its readers: active members (observers too), never outsiders or invitees', async () => {
    const doc = await createDocument(t, cast.governmentAnchor, cast.group.slug, {
      title: 'Internal note',
      visibility: 'members',
    });
    await postVersion(t, cast.civilSocietyAnchor, doc.id, pdf, 'second').expect(201);
    const rows = await notificationsAbout(t, doc.id, NotificationKind.DocumentVersionAdded);
    const second = rows.filter((n) => n.params.versionNumber === 2);
    expect(second.map((n) => n.recipient.id).sort()).toEqual(
      ids(cast.governmentAnchor, cast.member, cast.observer),
    );
    const told = rows.map((n) => n.recipient.id);
    for (const outside of [cast.outsider, invited, cast.otherAnchor, cast.steward]) {
      expect(told).not.toContain(outside.id);
    }
  });

  it('a members-only group: only its active members hear of its documents', async () => {
    const hidden = await createGroup(t, { visibility: GroupVisibility.Members });
    const reader = await createUser(t);
    await addMember(t, hidden, cast.governmentAnchor, GroupRole.Anchor);
    await addMember(t, hidden, reader, GroupRole.Observer);
    await addMember(t, hidden, invited, GroupRole.Member, MembershipStatus.Invited);
    const doc = await createDocument(t, cast.governmentAnchor, hidden.slug, { visibility: 'public' });
    expect(await recipientsOf(t, doc.id, NotificationKind.DocumentVersionAdded)).toEqual([reader.id]);
  });

  it('writes nothing when the version rolls back', async () => {
    const doc = await createDocument(t, cast.governmentAnchor, cast.group.slug, { title: 'Vetoed' });
    const before = await notificationsAbout(t, doc.id);
    const hooks = t.app.get(DomainHooks);
    hooks.onTransaction('document.version_added', (_em, p) =>
      p.documentId === doc.id && p.versionNumber === 2
        ? Promise.reject(new ConflictError('vetoed by the test', { code: 'state.conflict' }))
        : Promise.resolve(),
    );
    await postVersion(t, cast.governmentAnchor, doc.id, pdf).expect(409);
    expect(await notificationsAbout(t, doc.id)).toEqual(before);
    expect(await t.em().count(DocumentVersion, { document: doc.id })).toBe(1);
  });
});
