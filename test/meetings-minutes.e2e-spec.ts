import { auditCount } from './factories/audit';
import { randomUUID } from 'node:crypto';
import { MeetingStatus } from '../src/meetings/meetings.enums';
import { GroupVisibility } from '../src/groups/groups.enums';
import { createGroupCast, useGroupCast } from './factories/groups';
import { countRows, insertMeeting } from './factories/meetings';

describe('joining live meetings, minutes and action items', () => {
  const { t, cast } = useGroupCast();

  describe('join', () => {
    it('records attendance while live: first join kept, last seen refreshed; channel falls back to the meeting id', async () => {
      const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor, {
        status: MeetingStatus.Live,
      });
      const first = await t.http.post(`/meetings/${meeting.id}/join`).set(cast.observer.auth).expect(200);
      expect(first.body).toMatchObject({
        onlineUrl: 'https://meet.example.org/inserted',
        channelId: meeting.id,
      });
      const again = await t.http.post(`/meetings/${meeting.id}/join`).set(cast.observer.auth).expect(200);
      expect(again.body.joinedAt).toBe(first.body.joinedAt);
      expect(new Date(again.body.lastSeenAt).getTime()).toBeGreaterThanOrEqual(
        new Date(first.body.lastSeenAt).getTime(),
      );
      const rows = await t
        .em()
        .execute('select * from attendance where meeting_id = ? and user_id = ?', [
          meeting.id,
          cast.observer.id,
        ]);
      expect(rows).toHaveLength(1);
    });

    it.each([MeetingStatus.Scheduled, MeetingStatus.Concluded])(
      'refuses to join a %s meeting with 409, recording nothing',
      async (status) => {
        const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor, { status });
        const [audits, rows] = [await auditCount(t), await countRows(t, 'attendance')];
        const res = await t.http.post(`/meetings/${meeting.id}/join`).set(cast.member.auth).expect(409);
        expect(res.body).toMatchObject({ code: 'meeting.not_live' });
        expect(await auditCount(t)).toBe(audits);
        expect(await countRows(t, 'attendance')).toBe(rows);
      },
    );

    it('refuses outsiders and anonymous callers', async () => {
      const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor, {
        status: MeetingStatus.Live,
      });
      await t.http.post(`/meetings/${meeting.id}/join`).set(cast.outsider.auth).expect(403);
      await t.http.post(`/meetings/${meeting.id}/join`).expect(401);
    });
  });

  describe('minutes', () => {
    const minutesBody = (assigneeId: string) => ({
      body: 'We reviewed the budget data standard.',
      decisions: ['Adopt the standard', 'Meet again in June'],
      actionItems: [{ title: 'Circulate the draft', assigneeId, dueDate: '2031-06-30' }],
    });

    it('lets anchors draft and publish; drafts are for anchors, published minutes follow the group', async () => {
      const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor, {
        status: MeetingStatus.Concluded,
      });
      await t.http.get(`/meetings/${meeting.id}/minutes`).set(cast.governmentAnchor.auth).expect(404);
      const saved = await t.http
        .put(`/meetings/${meeting.id}/minutes`)
        .set(cast.governmentAnchor.auth)
        .send(minutesBody(cast.member.id))
        .expect(200);
      expect(saved.body).toMatchObject({
        status: 'draft',
        decisions: ['Adopt the standard', 'Meet again in June'],
        actionItems: [
          {
            title: 'Circulate the draft',
            assignee: { id: cast.member.id },
            dueDate: '2031-06-30',
            status: 'open',
          },
        ],
      });
      await t.http.get(`/meetings/${meeting.id}/minutes`).expect(404);
      await t.http.get(`/meetings/${meeting.id}/minutes`).set(cast.member.auth).expect(404);
      await t.http.get(`/meetings/${meeting.id}/minutes`).set(cast.civilSocietyAnchor.auth).expect(200);
      const mine = await t.http.get('/me/action-items').set(cast.member.auth).expect(200);
      expect(mine.body.items).toEqual([]); // not published yet

      const published = await t.http
        .post(`/meetings/${meeting.id}/minutes/publish`)
        .set(cast.civilSocietyAnchor.auth)
        .expect(200);
      expect(published.body.status).toBe('published');
      expect(published.body.publishedAt).toEqual(expect.any(String));
      const anonymous = await t.http.get(`/meetings/${meeting.id}/minutes`).expect(200);
      expect(anonymous.body.body).toBe('We reviewed the budget data standard.');
      await t.http
        .post(`/meetings/${meeting.id}/minutes/publish`)
        .set(cast.civilSocietyAnchor.auth)
        .expect(409);
      await t.http
        .put(`/meetings/${meeting.id}/minutes`)
        .set(cast.governmentAnchor.auth)
        .send(minutesBody(cast.member.id))
        .expect(409);
    });

    it('refuses a member editing minutes (403) and a non-member assignee (422), changing nothing', async () => {
      const meeting = await insertMeeting(t, cast.group, cast.governmentAnchor, {
        status: MeetingStatus.Live,
      });
      const [audits, rows] = [await auditCount(t), await countRows(t, 'minutes')];
      const forbidden = await t.http
        .put(`/meetings/${meeting.id}/minutes`)
        .set(cast.member.auth)
        .send(minutesBody(cast.member.id))
        .expect(403);
      expect(forbidden.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body = minutesBody(cast.member.id);
      body.actionItems.push({ title: 'Outsider task', assigneeId: cast.outsider.id, dueDate: '2031-07-01' });
      const invalid = await t.http
        .put(`/meetings/${meeting.id}/minutes`)
        .set(cast.governmentAnchor.auth)
        .send(body)
        .expect(422);
      expect(invalid.body.errors).toEqual([expect.objectContaining({ path: 'actionItems[1].assigneeId' })]);
      const badDate = await t.http
        .put(`/meetings/${meeting.id}/minutes`)
        .set(cast.governmentAnchor.auth)
        .send({
          ...minutesBody(cast.member.id),
          actionItems: [{ title: 'x', assigneeId: cast.member.id, dueDate: 'soon' }],
        })
        .expect(422);
      expect(badDate.body.errors[0].path).toBe('actionItems[0].dueDate');
      await t.http.post(`/meetings/${meeting.id}/minutes/publish`).set(cast.member.auth).expect(403);
      await t.http
        .post(`/meetings/${meeting.id}/minutes/publish`)
        .set(cast.governmentAnchor.auth)
        .expect(404);
      expect(await auditCount(t)).toBe(audits);
      expect(await countRows(t, 'minutes')).toBe(rows);

      // Saving a draft again replaces its decisions and action items wholesale.
      const put = (b: Record<string, unknown>) =>
        t.http.put(`/meetings/${meeting.id}/minutes`).set(cast.governmentAnchor.auth).send(b).expect(200);
      await put(minutesBody(cast.member.id));
      const replaced = await put({
        body: 'v2',
        decisions: [],
        actionItems: [
          { title: 'one', assigneeId: cast.observer.id, dueDate: '2031-01-01' },
          { title: 'two', assigneeId: cast.civilSocietyAnchor.id, dueDate: '2031-01-02' },
        ],
      });
      expect(replaced.body.actionItems.map((i: { title: string }) => i.title)).toEqual(['one', 'two']);
      expect(await auditCount(t)).toBe(audits + 2);
    });

    it('keeps drafts of members-only groups hidden and published minutes for members only', async () => {
      const secret = await createGroupCast(t, { visibility: GroupVisibility.Members });
      const meeting = await insertMeeting(t, secret.group, secret.governmentAnchor, {
        status: MeetingStatus.Concluded,
      });
      await t.http
        .put(`/meetings/${meeting.id}/minutes`)
        .set(secret.governmentAnchor.auth)
        .send(minutesBody(secret.member.id))
        .expect(200);
      await t.http
        .post(`/meetings/${meeting.id}/minutes/publish`)
        .set(secret.governmentAnchor.auth)
        .expect(200);
      await t.http.get(`/meetings/${meeting.id}/minutes`).expect(404);
      await t.http.get(`/meetings/${meeting.id}/minutes`).set(secret.outsider.auth).expect(404);
      await t.http.get(`/meetings/${meeting.id}/minutes`).set(secret.observer.auth).expect(200);
    });

    it('lists my action items, open first, paginated; assignee or anchor marks them done', async () => {
      const g = await createGroupCast(t);
      const ids: string[] = [];
      for (const due of ['2031-01-03', '2031-01-01', '2031-01-02']) {
        const meeting = await insertMeeting(t, g.group, g.governmentAnchor, {
          status: MeetingStatus.Concluded,
        });
        const saved = await t.http
          .put(`/meetings/${meeting.id}/minutes`)
          .set(g.governmentAnchor.auth)
          .send({
            body: 'b',
            decisions: [],
            actionItems: [{ title: `due ${due}`, assigneeId: g.member.id, dueDate: due }],
          })
          .expect(200);
        ids.push(saved.body.actionItems[0].id);
        await t.http.post(`/meetings/${meeting.id}/minutes/publish`).set(g.governmentAnchor.auth).expect(200);
      }
      const [d3, d1, d2] = ids as [string, string, string];
      await t.http.patch(`/action-items/${d1}`).set(g.observer.auth).send({ status: 'done' }).expect(403);
      await t.http.patch(`/action-items/${d1}`).set(g.member.auth).send({ status: 'finished' }).expect(422);
      await t.http
        .patch(`/action-items/${randomUUID()}`)
        .set(g.member.auth)
        .send({ status: 'done' })
        .expect(404);
      const done = await t.http
        .patch(`/action-items/${d1}`)
        .set(g.member.auth)
        .send({ status: 'done' })
        .expect(200);
      expect(done.body.status).toBe('done');
      await t.http
        .patch(`/action-items/${d2}`)
        .set(g.civilSocietyAnchor.auth)
        .send({ status: 'open' })
        .expect(200);

      const page1 = await t.http.get('/me/action-items?limit=2').set(g.member.auth).expect(200);
      expect(page1.body.items.map((i: { id: string }) => i.id)).toEqual([d2, d3]);
      const page2 = await t.http
        .get(`/me/action-items?limit=2&cursor=${page1.body.nextCursor}`)
        .set(g.member.auth)
        .expect(200);
      expect(page2.body.items.map((i: { id: string }) => i.id)).toEqual([d1]);
      expect(page2.body.nextCursor).toBeNull();
      expect((await t.http.get('/me/action-items').set(g.observer.auth)).body.items).toEqual([]);
      const forged = Buffer.from(JSON.stringify(['bogus|x', randomUUID()])).toString('base64url');
      await t.http.get(`/me/action-items?cursor=${forged}`).set(g.member.auth).expect(422);
    });
  });
});
