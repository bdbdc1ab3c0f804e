import { anchorEmail as a, DEMO_USERS, demoEmail as m } from './data';

/**
 * A few messages in each active demo group's `general` channel, posted in this order. `key` makes the sender's
 * clientMessageId (`seed-demo:<slug>:<key>`), so a second run is answered with the first message, never a copy.
 * Every group has one thread reply (`replyTo`) and one `@mention` of another member.
 */
export interface DemoMessage {
  key: string;
  author: string;
  body: string;
  /** `key` of an earlier message of the same channel. */
  replyTo?: string;
}

/** `@Display Name` of a demo account, as the discussion service resolves mentions. */
const mention = (email: string): string => {
  const user = DEMO_USERS.find((u) => u.email === email);
  if (!user) throw new Error(`unknown demo user ${email}`);
  return `@${user.displayName}`;
};

export const demoClientMessageId = (slug: string, key: string): string => `seed-demo:${slug}:${key}`;

export const DEMO_MESSAGES: Record<string, DemoMessage[]> = {
  'fiscal-openness': [
    {
      key: 'welcome',
      author: a('gift'),
      body: 'Welcome to the Fiscal Openness channel. The minutes of our session on budget portals are published on the meeting page.',
    },
    {
      key: 'checklist-question',
      author: m('member.ti'),
      body: 'Will members be able to comment on the draft portal checklist before the next session?',
    },
    {
      key: 'checklist-answer',
      author: a('gift'),
      body: 'Yes, we will share it here first and collect comments for two weeks.',
      replyTo: 'checklist-question',
    },
    {
      key: 'citizens-budget',
      author: a('brazil'),
      body: `${mention(a('philippines'))} could you bring an example of a citizens' budget to the hybrid session?`,
    },
  ],
  'legislative-openness': [
    {
      key: 'welcome',
      author: a('ndi'),
      body: 'Hello all. This channel is for quick questions between sessions on open parliament work.',
    },
    {
      key: 'tools-list',
      author: a('chile'),
      body: 'We started the shared list of tools for publishing legislative data; additions are welcome.',
    },
    {
      key: 'tools-reply',
      author: a('ndi'),
      body: 'Thanks, we will add the consultation platforms we discussed.',
      replyTo: 'tools-list',
    },
    {
      key: 'agenda-note',
      author: a('ndi'),
      body: `${mention(a('chile'))} happy to present on online consultation platforms at the next session.`,
    },
  ],
  'access-to-information': [
    {
      key: 'welcome',
      author: a('inai'),
      body: 'Welcome. Our next session on oversight bodies and appeals will be held in person in Mexico City.',
    },
    {
      key: 'inventory',
      author: a('carter'),
      body: 'A first version of the inventory of assessment methods is in preparation.',
    },
    {
      key: 'inventory-reply',
      author: a('inai'),
      body: 'Great, we have reserved time on the agenda to review it.',
      replyTo: 'inventory',
    },
    {
      key: 'rsvp-reminder',
      author: a('inai'),
      body: `${mention(a('carter'))} please let us know if anyone else from your team will attend in person.`,
    },
  ],
  'anti-corruption': [
    {
      key: 'welcome',
      author: a('ti'),
      body: 'Welcome to the Anti-Corruption channel. Minutes from the beneficial ownership session are now published.',
    },
    {
      key: 'verification-note',
      author: a('uk'),
      body: 'Work has started on the note comparing register verification approaches.',
    },
    {
      key: 'procurement-examples',
      author: m('member.brazil'),
      body: 'I am collecting examples of procurement checks against ownership data; please send any you know of.',
    },
    {
      key: 'procurement-reply',
      author: a('osf'),
      body: 'We will share a few from our partners this week.',
      replyTo: 'procurement-examples',
    },
    {
      key: 'ocds-agenda',
      author: a('georgia'),
      body: `${mention(a('ti'))} will your presentation on the Open Contracting Data Standard cover red flags too?`,
    },
  ],
  'open-data': [
    {
      key: 'welcome',
      author: a('webf'),
      body: 'Welcome to the Open Data channel. Our next session looks at measuring the use and impact of open data.',
    },
    {
      key: 'inventory-template',
      author: a('canada'),
      body: 'The data inventory template agreed at the last session will be shared here shortly.',
    },
    {
      key: 'subnational',
      author: m('member.brazil'),
      body: 'Looking forward to it. I will post a summary of lessons from subnational portals as well.',
      replyTo: 'inventory-template',
    },
    {
      key: 'metrics',
      author: a('canada'),
      body: `${mention(a('webf'))} would you share the user feedback examples before the session?`,
    },
  ],
  'natural-resource-openness': [
    {
      key: 'welcome',
      author: a('nrgi'),
      body: 'Welcome to the Natural Resource Openness channel. Minutes from the contract transparency session are published.',
    },
    {
      key: 'jakarta',
      author: a('indonesia'),
      body: 'Our next session on land and forest data will be held in person in Jakarta.',
    },
    {
      key: 'jakarta-reply',
      author: a('wri'),
      body: 'Thank you. We will confirm our participation soon.',
      replyTo: 'jakarta',
    },
    {
      key: 'portals',
      author: a('indonesia'),
      body: `${mention(a('nrgi'))} could you share the contract disclosure portal examples here once collected?`,
    },
  ],
};
