import { auditCount } from './factories/audit';
import { randomUUID } from 'node:crypto';
import { MAX_AGENDA_ITEMS } from '../src/meetings/agenda.service';
import { AgendaItem } from '../src/meetings/entities/agenda-item.entity';
import { AgendaItemStatus, MeetingStatus } from '../src/meetings/meetings.enums';
import { useGroupCast } from './factories/groups';
import { createDocument, documentsConfig } from './factories/documents';
import { insertMeeting } from './factories/meetings';
import { TestUser } from './factories/users';

describe('meeting agenda', () => {
  const { t, cast } = useGroupCast(documentsConfig());

  const propose = (meetingId: string, user: TestUser, body: Record<string, unknown>) =>
    t.http.post(`/meetings/${meetingId}/agenda-items`).set(user.auth).send(body);
  const order = (meetingId: string, itemIds: string[], user = cast.governmentAnchor) =>
    t.http.put(`/meetings/${meetingId}/agenda-order`).set(user.auth).send({ itemIds });

  it('lets members propose, anchors accept directly, and sums accepted minutes against the meeting length', async () => {
    const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor); // 60 minutes
    // Agenda items link documents of the group (the documents context checks them).
    const docs = [
      (await createDocument(t, cast.member, cast.group.slug)).id,
      (await createDocument(t, cast.member, cast.group.slug)).id,
    ];
    const proposed = await propose(meeting.id, cast.member, {
      title: 'Budget data standard',
      durationMinutes: 30,
      presenterId: cast.member.id,
      documentIds: docs,
    }).expect(201);
    expect(proposed.body).toMatchObject({
      status: 'proposed',
      position: 1,
      presenter: { id: cast.member.id },
      documentIds: docs,
      proposedBy: { id: cast.member.id },
    });
    const accepted = await propose(meeting.id, cast.civilSocietyAnchor, {
      title: 'Welcome',
      durationMinutes: 20,
    }).expect(201);
    expect(accepted.body).toMatchObject({ status: 'accepted', position: 2 });

    let view = await t.http.get(`/meetings/${meeting.id}`).expect(200);
    expect(view.body.agenda).toEqual({ plannedMinutes: 20, meetingMinutes: 60, overBy: 0 });

    await t.http
      .patch(`/agenda-items/${proposed.body.id}`)
      .set(cast.governmentAnchor.auth)
      .send({ status: 'accepted', durationMinutes: 50 })
      .expect(200);
    view = await t.http.get(`/meetings/${meeting.id}`).expect(200);
    expect(view.body.agenda).toEqual({ plannedMinutes: 70, meetingMinutes: 60, overBy: 10 });
  });

  it('caps an agenda at MAX_AGENDA_ITEMS: of two concurrent last proposals exactly one fits, and the list stays one page', async () => {
    const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor);
    const em = t.em();
    for (let position = 1; position < MAX_AGENDA_ITEMS; position++) {
      em.create(AgendaItem, {
        meeting: meeting.id,
        position,
        title: `Item ${position}`,
        description: null,
        durationMinutes: 1,
        presenter: null,
        documentIds: [],
        status: position % 2 ? AgendaItemStatus.Accepted : AgendaItemStatus.Rejected,
        proposedBy: cast.governmentAnchor.id,
      });
    }
    await em.flush();
    const answers = await Promise.all([
      propose(meeting.id, cast.member, { title: 'Last A', durationMinutes: 5 }),
      propose(meeting.id, cast.member, { title: 'Last B', durationMinutes: 5 }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)?.body).toMatchObject({
      code: 'agenda.full',
      params: { max: MAX_AGENDA_ITEMS },
    });
    const list = await t.http.get(`/meetings/${meeting.id}/agenda-items`).set(cast.observer.auth).expect(200);
    expect(list.body.items).toHaveLength(MAX_AGENDA_ITEMS);
    expect(list.body.nextCursor).toBeNull();
  });

  it('shows proposals to members only; the public sees the accepted agenda', async () => {
    const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor);
    await propose(meeting.id, cast.member, { title: 'Idea', durationMinutes: 5 }).expect(201);
    await propose(meeting.id, cast.governmentAnchor, { title: 'Plan', durationMinutes: 5 }).expect(201);
    const publicView = await t.http.get(`/meetings/${meeting.id}/agenda-items`).expect(200);
    expect(publicView.body.items.map((i: { title: string }) => i.title)).toEqual(['Plan']);
    const memberView = await t.http
      .get(`/meetings/${meeting.id}/agenda-items`)
      .set(cast.observer.auth)
      .expect(200);
    expect(memberView.body.items.map((i: { title: string }) => i.title)).toEqual(['Idea', 'Plan']);
  });

  it('refuses observers, outsiders and members deciding; validates presenter and document ids', async () => {
    const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor);
    const audits = await auditCount(t);
    await propose(meeting.id, cast.observer, { title: 'x', durationMinutes: 5 }).expect(403);
    await propose(meeting.id, cast.outsider, { title: 'x', durationMinutes: 5 }).expect(403);
    await propose(meeting.id, cast.member, { title: 'x', durationMinutes: 5, status: 'accepted' }).expect(
      403,
    );
    const badPresenter = await propose(meeting.id, cast.member, {
      title: 'x',
      durationMinutes: 5,
      presenterId: cast.outsider.id,
    }).expect(422);
    expect(badPresenter.body.errors[0].path).toBe('presenterId');
    const badDoc = await propose(meeting.id, cast.member, {
      title: 'x',
      durationMinutes: 5,
      documentIds: ['not-a-uuid'],
    }).expect(422);
    expect(badDoc.body.errors[0].path).toBe('documentIds');
    await propose(meeting.id, cast.member, { title: 'x', durationMinutes: 0 }).expect(422);
    const item = await propose(meeting.id, cast.member, { title: 'ok', durationMinutes: 5 }).expect(201);
    await t.http
      .patch(`/agenda-items/${item.body.id}`)
      .set(cast.member.auth)
      .send({ status: 'accepted' })
      .expect(403);
    await t.http.patch(`/agenda-items/${item.body.id}`).send({ status: 'accepted' }).expect(401);
    await t.http.patch(`/agenda-items/${randomUUID()}`).set(cast.governmentAnchor.auth).send({}).expect(404);
    expect(await auditCount(t)).toBe(audits + 1);
  });

  it('reorders atomically with the full list; stale, partial, duplicated or foreign lists are 409', async () => {
    const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor);
    const other = await insertMeeting(t, cast.group, cast.governmentAnchor);
    const ids: string[] = [];
    for (const title of ['A', 'B', 'C']) {
      ids.push(
        (await propose(meeting.id, cast.governmentAnchor, { title, durationMinutes: 10 }).expect(201)).body
          .id,
      );
    }
    const rejected = (await propose(meeting.id, cast.member, { title: 'R', durationMinutes: 10 }).expect(201))
      .body.id;
    await t.http
      .patch(`/agenda-items/${rejected}`)
      .set(cast.governmentAnchor.auth)
      .send({ status: 'rejected' });
    const foreign = (await propose(other.id, cast.governmentAnchor, { title: 'F', durationMinutes: 5 })).body
      .id;
    const [a, b, c] = ids as [string, string, string];

    const audits = await auditCount(t);
    const foreignRes = await order(meeting.id, [c, b, foreign]).expect(409);
    expect(foreignRes.body).toMatchObject({ code: 'agenda.order_mismatch' });
    expect(foreignRes.body.params.unknown).toEqual([foreign]);
    await order(meeting.id, [c, b]).expect(409); // partial
    await order(meeting.id, [c, b, b]).expect(409); // duplicated
    await order(meeting.id, [c, b, a, rejected]).expect(409); // a rejected item is not on the agenda
    await order(meeting.id, [c, b, a], cast.member).expect(403);
    await order(meeting.id, ['x']).expect(422);
    expect(await auditCount(t)).toBe(audits);
    const unchanged = await t.http.get(`/meetings/${meeting.id}/agenda-items`).set(cast.member.auth);
    expect(
      unchanged.body.items
        .filter((i: { status: string }) => i.status !== 'rejected')
        .map((i: { id: string }) => i.id),
    ).toEqual([a, b, c]);

    const done = await order(meeting.id, [c, a, b]).expect(200);
    expect(done.body.items.map((i: { id: string }) => i.id)).toEqual([c, a, b, rejected]);
    expect(await auditCount(t)).toBe(audits + 1);

    // A new item since the list was read makes the old list stale.
    await propose(meeting.id, cast.member, { title: 'Late', durationMinutes: 5 }).expect(201);
    await order(meeting.id, [a, b, c]).expect(409);
  });

  it('closes the agenda once the meeting is concluded or cancelled', async () => {
    const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor, {
      status: MeetingStatus.Concluded,
    });
    await propose(meeting.id, cast.governmentAnchor, { title: 'x', durationMinutes: 5 }).expect(409);
    await order(meeting.id, []).expect(409);
  });
});
