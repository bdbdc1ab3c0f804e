import { MeetingFormat, RsvpStatus } from '../../src/meetings/meetings.enums';
import { anchorEmail as a, demoEmail as m } from './data';
import { DemoSession, onlineRoom, venue } from './meetings-data';

const going = (email: string) => ({ email, status: RsvpStatus.Going as const });
const maybe = (email: string) => ({ email, status: RsvpStatus.Maybe as const });

/** One scheduled session per active demo group (by slug), with an accepted agenda and a few RSVPs. */
export const DEMO_UPCOMING_SESSIONS: Record<string, DemoSession> = {
  'fiscal-openness': {
    title: 'Public participation in the budget cycle',
    description:
      'How governments open budget formulation and oversight to citizens, and what changed as a result.',
    format: MeetingFormat.Hybrid,
    timeZone: 'Asia/Manila',
    dayOffset: 18,
    localStart: '15:00',
    durationMinutes: 120,
    location: venue('Manila'),
    onlineUrl: onlineRoom('fiscal-openness', 'participation'),
    capacity: 40,
    host: a('philippines'),
    agenda: [
      {
        title: 'Participatory budgeting mechanisms: country experiences',
        description: 'Short presentations, then questions.',
        durationMinutes: 45,
        presenter: a('philippines'),
      },
      {
        title: 'Feedback loops between citizens and finance ministries',
        description: 'How input is recorded, answered and reported back.',
        durationMinutes: 40,
        presenter: a('gift'),
      },
      {
        title: 'Next steps for the budget portal checklist',
        description: 'Comments on the draft circulated after the last session.',
        durationMinutes: 25,
        presenter: a('brazil'),
      },
    ],
    rsvps: [going(a('gift')), going(a('brazil')), maybe(m('member.ti'))],
  },
  'legislative-openness': {
    title: 'Citizen participation in law-making',
    description: 'Consultation on draft bills and how parliaments report back on what they heard.',
    format: MeetingFormat.Virtual,
    timeZone: 'America/Santiago',
    dayOffset: 25,
    localStart: '10:00',
    durationMinutes: 90,
    onlineUrl: onlineRoom('legislative-openness', 'participation'),
    host: a('chile'),
    agenda: [
      {
        title: 'Online consultation platforms for draft bills',
        description: 'Design choices, moderation and participation rates.',
        durationMinutes: 40,
        presenter: a('ndi'),
      },
      {
        title: 'Parliamentary ethics and lobbying transparency',
        description: 'Registers of interests and of meetings with lobbyists.',
        durationMinutes: 35,
        presenter: a('chile'),
      },
    ],
    rsvps: [going(a('ndi'))],
  },
  'access-to-information': {
    title: 'Oversight bodies and appeals: peer exchange',
    description: 'How information commissions handle appeals, enforce decisions and report on their work.',
    format: MeetingFormat.InPerson,
    timeZone: 'America/Mexico_City',
    dayOffset: 33,
    localStart: '09:30',
    durationMinutes: 180,
    location: venue('Mexico City'),
    capacity: 30,
    host: a('inai'),
    agenda: [
      {
        title: 'Handling appeals at scale',
        description: 'Case management, deadlines and publication of decisions.',
        durationMinutes: 60,
        presenter: a('inai'),
      },
      {
        title: 'Access to information for marginalised groups',
        description: 'Barriers to making requests, and what helps.',
        durationMinutes: 60,
        presenter: a('carter'),
      },
      {
        title: 'Inventory of assessment methods: review of the draft',
        description: 'Comments on the inventory agreed at the last session.',
        durationMinutes: 45,
        presenter: a('carter'),
      },
    ],
    rsvps: [going(a('carter'))],
  },
  'anti-corruption': {
    title: 'Open contracting data standards',
    description:
      'Publishing procurement data in a common standard and linking it with beneficial ownership data.',
    format: MeetingFormat.Hybrid,
    timeZone: 'Europe/London',
    dayOffset: 21,
    localStart: '13:00',
    durationMinutes: 120,
    location: venue('London'),
    onlineUrl: onlineRoom('anti-corruption', 'open-contracting'),
    capacity: 50,
    host: a('uk'),
    agenda: [
      {
        title: 'Publishing procurement data with the Open Contracting Data Standard',
        description: 'Where to start, and what data users need first.',
        durationMinutes: 40,
        presenter: a('ti'),
      },
      {
        title: 'Red flags for integrity risks in public contracts',
        description: 'Indicators computed from open contracting data.',
        durationMinutes: 35,
        presenter: a('osf'),
      },
      {
        title: 'Linking contracting and beneficial ownership data',
        description: 'Identifiers and matching, following up on the last session.',
        durationMinutes: 35,
        presenter: a('brazil'),
      },
    ],
    rsvps: [going(a('ti')), going(a('osf')), maybe(a('georgia')), going(m('member.brazil'))],
  },
  'open-data': {
    title: 'Measuring the use and impact of open data',
    description: 'Ways to learn who uses published data and what difference it makes.',
    format: MeetingFormat.Virtual,
    timeZone: 'America/Toronto',
    dayOffset: 12,
    localStart: '10:00',
    durationMinutes: 60,
    onlineUrl: onlineRoom('open-data', 'use-and-impact'),
    host: a('canada'),
    agenda: [
      {
        title: 'User engagement and feedback on data portals',
        description: 'Channels for requests and feedback, and how to act on them.',
        durationMinutes: 25,
        presenter: a('webf'),
      },
      {
        title: 'Metrics beyond dataset counts',
        description: 'Indicators of use and reuse.',
        durationMinutes: 25,
        presenter: a('canada'),
      },
    ],
    rsvps: [going(a('webf')), maybe(m('member.brazil')), going(m('observer.canada'))],
  },
  'natural-resource-openness': {
    title: 'Land and forest data transparency',
    description: 'Open data on land use and forests, and participation of communities in decisions.',
    format: MeetingFormat.InPerson,
    timeZone: 'Asia/Jakarta',
    dayOffset: 40,
    localStart: '09:00',
    durationMinutes: 180,
    location: venue('Jakarta'),
    capacity: 30,
    host: a('indonesia'),
    agenda: [
      {
        title: 'Open data on land use and forest cover',
        description: 'Sources, licensing and keeping maps current.',
        durationMinutes: 60,
        presenter: a('wri'),
      },
      {
        title: 'Revenue transparency and subnational transfers',
        description: 'Following extractive revenues to regional budgets.',
        durationMinutes: 50,
        presenter: a('nrgi'),
      },
      {
        title: 'Community participation in licensing decisions',
        description: 'Consultation before licences are granted.',
        durationMinutes: 50,
        presenter: a('indonesia'),
      },
    ],
    rsvps: [going(a('nrgi')), maybe(a('wri'))],
  },
};
