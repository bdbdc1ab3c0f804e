import { useGroupCast } from './factories/groups';
import { meetingBody } from './factories/meetings';

interface ActivityItem {
  action: string;
  entityId: string;
  after: Record<string, unknown> | null;
}

/** The activity feed is built from the audit chain, which records drafts: it must not show members more than the meetings routes do. */
describe('activity feed and drafts', () => {
  const { t, cast } = useGroupCast();

  const feed = async (auth: Record<string, string>): Promise<ActivityItem[]> =>
    (
      await t.http
        .get(`/working-groups/${cast.group.slug}/activity`)
        .query({ limit: 200 })
        .set(auth)
        .expect(200)
    ).body.items;

  it('hides draft meetings, their agenda and draft minutes from members and observers, not from anchors', async () => {
    const { group, governmentAnchor: anchor, observer, member, steward } = cast;
    const draft = await t.http
      .post(`/working-groups/${group.slug}/meetings`)
      .set(anchor.auth)
      .send(meetingBody({ title: 'Secret draft session' }))
      .expect(201);
    await t.http
      .post(`/meetings/${draft.body.id}/agenda-items`)
      .set(anchor.auth)
      .send({ title: 'Secret agenda topic', durationMinutes: 20 })
      .expect(201);
    const scheduled = await t.http
      .post(`/working-groups/${group.slug}/meetings`)
      .set(anchor.auth)
      .send(meetingBody({ title: 'Public session', status: 'scheduled' }))
      .expect(201);
    await t.http
      .put(`/meetings/${scheduled.body.id}/minutes`)
      .set(anchor.auth)
      .send({ body: 'DRAFT MINUTES SECRET', decisions: ['Draft decision'] })
      .expect((r) => expect([200, 201]).toContain(r.status));

    for (const reader of [observer, member]) {
      const text = JSON.stringify(await feed(reader.auth));
      expect(text).not.toContain('Secret draft session');
      expect(text).not.toContain('Secret agenda topic');
      expect(text).not.toContain('DRAFT MINUTES SECRET');
      expect(text).toContain('Public session');
    }
    for (const reader of [anchor, steward]) {
      const text = JSON.stringify(await feed(reader.auth));
      expect(text).toContain('Secret draft session');
      expect(text).toContain('DRAFT MINUTES SECRET');
    }

    // Once scheduled, the meeting is no longer a draft: its history shows.
    await t.http
      .post(`/meetings/${draft.body.id}/status`)
      .set(anchor.auth)
      .send({ status: 'scheduled' })
      .expect(200);
    expect(JSON.stringify(await feed(observer.auth))).toContain('Secret draft session');
  });
});
