import { auditCount } from './factories/audit';
import { GroupVisibility } from '../src/groups/groups.enums';
import { MAX_CALENDAR_TOKENS } from '../src/meetings/calendar.service';
import { createGroupCast, useGroupCast } from './factories/groups';
import { insertMeeting } from './factories/meetings';

/** Several calendar tokens per person (one per device): each works until it is revoked on its own. */
describe('calendar tokens (several devices)', () => {
  const { t } = useGroupCast();

  async function membersOnlyFeed(): Promise<{
    feed: string;
    cast: Awaited<ReturnType<typeof createGroupCast>>;
  }> {
    const cast = await createGroupCast(t, { visibility: GroupVisibility.Members });
    await insertMeeting(t, cast.group, cast.governmentAnchor, { title: 'Closed session' });
    return { feed: `/working-groups/${cast.group.slug}/calendar.ics`, cast };
  }

  it('issues a second token without revoking the first, lists both, and revokes one on its own', async () => {
    const { feed, cast } = await membersOnlyFeed();
    const audits = await auditCount(t);
    const laptop = await t.http
      .post('/me/calendar-token')
      .set(cast.member.auth)
      .send({ label: '  Work laptop ' })
      .expect(201);
    const phone = await t.http.post('/me/calendar-token').set(cast.member.auth).expect(201);
    expect(await auditCount(t)).toBe(audits + 2);
    expect(laptop.body).toMatchObject({ label: 'Work laptop', id: expect.any(String) });
    expect(phone.body.label).toBeNull();
    expect(phone.body.token).not.toBe(laptop.body.token);
    expect(phone.body.feedPathTemplate).toBe(`/working-groups/{slug}/calendar.ics?token=${phone.body.token}`);

    await t.http.get(feed).query({ token: laptop.body.token }).expect(200);
    await t.http.get(feed).query({ token: phone.body.token }).expect(200);

    const list = await t.http.get('/me/calendar-tokens').set(cast.member.auth).expect(200);
    expect(list.body).toEqual({
      items: [
        { id: phone.body.id, label: null, createdAt: phone.body.createdAt },
        { id: laptop.body.id, label: 'Work laptop', createdAt: laptop.body.createdAt },
      ],
      nextCursor: null,
    });
    expect(JSON.stringify(list.body)).not.toContain(laptop.body.token); // never the secret again

    await t.http.delete(`/me/calendar-tokens/${laptop.body.id}`).set(cast.member.auth).expect(204);
    expect(await auditCount(t)).toBe(audits + 3);
    await t.http.get(feed).query({ token: laptop.body.token }).expect(404); // revoked
    await t.http.get(feed).query({ token: phone.body.token }).expect(200); // the other still works
    await t.http.delete(`/me/calendar-tokens/${laptop.body.id}`).set(cast.member.auth).expect(404);
    const after = await t.http.get('/me/calendar-tokens').set(cast.member.auth).expect(200);
    expect(after.body.items.map((i: { id: string }) => i.id)).toEqual([phone.body.id]);
  });

  it('does not let another person see or revoke my token (404), and needs a signed-in caller', async () => {
    const { feed, cast } = await membersOnlyFeed();
    const mine = (await t.http.post('/me/calendar-token').set(cast.member.auth).expect(201)).body;
    const audits = await auditCount(t);
    await t.http.delete(`/me/calendar-tokens/${mine.id}`).set(cast.governmentAnchor.auth).expect(404);
    await t.http.delete(`/me/calendar-tokens/${mine.id}`).set(cast.outsider.auth).expect(404);
    await t.http.delete('/me/calendar-tokens/not-a-uuid').set(cast.member.auth).expect(404);
    await t.http.delete(`/me/calendar-tokens/${mine.id}`).expect(401);
    await t.http.get('/me/calendar-tokens').expect(401);
    expect(await auditCount(t)).toBe(audits); // refusals write nothing
    const theirs = await t.http.get('/me/calendar-tokens').set(cast.governmentAnchor.auth).expect(200);
    expect(theirs.body.items).toEqual([]);
    await t.http.get(feed).query({ token: mine.token }).expect(200);
  });

  it(`caps tokens at ${MAX_CALENDAR_TOKENS} per person (409) until one is revoked`, async () => {
    const { feed, cast } = await membersOnlyFeed();
    const issued: { id: string; token: string }[] = [];
    for (let i = 0; i < MAX_CALENDAR_TOKENS; i += 1) {
      issued.push(
        (
          await t.http
            .post('/me/calendar-token')
            .set(cast.member.auth)
            .send({ label: `Device ${i}` })
            .expect(201)
        ).body,
      );
    }
    const audits = await auditCount(t);
    const refused = await t.http.post('/me/calendar-token').set(cast.member.auth).expect(409);
    expect(refused.body).toMatchObject({
      code: 'calendar_token.limit_reached',
      params: { max: MAX_CALENDAR_TOKENS },
    });
    expect(await auditCount(t)).toBe(audits);
    await t.http.post('/me/calendar-token').set(cast.civilSocietyAnchor.auth).expect(201); // per person
    for (const { token } of issued) await t.http.get(feed).query({ token }).expect(200);

    await t.http.delete(`/me/calendar-tokens/${issued[0].id}`).set(cast.member.auth).expect(204);
    await t.http.post('/me/calendar-token').set(cast.member.auth).expect(201);
    const list = await t.http.get('/me/calendar-tokens').set(cast.member.auth).expect(200);
    expect(list.body.items).toHaveLength(MAX_CALENDAR_TOKENS);
  });

  it('refuses a blank or over-long label and unknown fields (422)', async () => {
    const { cast } = await membersOnlyFeed();
    for (const body of [{ label: '   ' }, { label: 'x'.repeat(101) }, { label: 5 }, { device: 'x' }]) {
      await t.http.post('/me/calendar-token').set(cast.member.auth).send(body).expect(422);
    }
    expect((await t.http.get('/me/calendar-tokens').set(cast.member.auth).expect(200)).body.items).toEqual(
      [],
    );
  });
});
