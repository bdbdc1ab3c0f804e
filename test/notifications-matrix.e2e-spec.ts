import { randomUUID } from 'node:crypto';
import { NotificationOutbox } from '../src/notifications/notification-outbox';
import { NotificationKind, NotificationSubjectType } from '../src/notifications/notifications.enums';
import { describeMatrix } from './factories/access-matrix';
import type { TestApp } from './support/test-app';

// The routes are the caller's own: anonymous callers get 401, everyone else their own (possibly empty) list, and
// naming someone else's notification is a 404 whatever one's standing.
const everyoneSignedIn = {
  anonymous: 401,
  outsider: 200,
  observer: 200,
  member: 200,
  otherAnchor: 200,
  anchor: 200,
  steward: 200,
  admin: 200,
};
let matrixApp: TestApp;
describeMatrix(
  'notifications: access matrix',
  [
    { route: 'GET /me/notifications', expect: everyoneSignedIn },
    { route: 'GET /me/notifications/count', expect: everyoneSignedIn },
    {
      route: 'POST /me/notifications/read',
      note: "the requester's notification",
      params: async (cell) => {
        const [added] = await matrixApp.em().transactional((em) =>
          matrixApp.app.get(NotificationOutbox).add(em, {
            kind: NotificationKind.JoinRejected,
            recipientIds: [cell.requester.id],
            actorId: null,
            groupId: cell.group.id,
            subject: { type: NotificationSubjectType.Membership, id: randomUUID() },
            params: { groupName: cell.group.name },
          }),
        );
        return { id: added.id };
      },
      body: (_cell, params) => ({ ids: [params.id] }),
      expect: {
        anonymous: 401,
        outsider: 404,
        observer: 404,
        member: 404,
        otherAnchor: 404,
        anchor: 404,
        steward: 404,
        admin: 404,
      },
    },
  ],
  (t) => {
    matrixApp = t;
  },
);
