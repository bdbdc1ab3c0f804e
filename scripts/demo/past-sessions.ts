import { MeetingFormat, RsvpStatus } from '../../src/meetings/meetings.enums';
import { anchorEmail as a, demoEmail as m } from './data';
import { DemoPastSession, onlineRoom } from './meetings-data';

const going = (email: string) => ({ email, status: RsvpStatus.Going as const });

/** One concluded session per active demo group (by slug), with published minutes. */
export const DEMO_PAST_SESSIONS: Record<string, DemoPastSession> = {
  'fiscal-openness': {
    title: 'Peer exchange on budget transparency portals',
    description: 'Members compare how their budget portals publish budget documents and fiscal data.',
    format: MeetingFormat.Virtual,
    timeZone: 'America/Sao_Paulo',
    dayOffset: -24,
    localStart: '10:00',
    durationMinutes: 90,
    onlineUrl: onlineRoom('fiscal-openness', 'budget-portals'),
    host: a('brazil'),
    agenda: [
      {
        title: 'Country updates on budget portals',
        description: 'Short updates from government members: what is published, how often, in which formats.',
        durationMinutes: 40,
        presenter: a('philippines'),
      },
      {
        title: 'Open fiscal data: what users ask for',
        description: 'Requests from journalists, researchers and civil society, and how portals answer them.',
        durationMinutes: 35,
        presenter: a('gift'),
      },
    ],
    rsvps: [going(a('gift')), going(a('philippines')), going(m('member.ti'))],
    attendees: [a('brazil'), a('gift'), a('philippines'), m('member.ti')],
    minutes: {
      body:
        'Government members described how their portals publish the executive budget proposal, the enacted ' +
        'budget and in-year reports. Common difficulties were keeping data timely and machine-readable and ' +
        'explaining budget terms to non-specialists. Civil-society members shared the questions users most often ' +
        'ask and suggested publishing data alongside each document rather than afterwards.',
      decisions: [
        'Pool members’ experience in a shared checklist of budget portal features.',
        'Hold the next session on public participation in the budget cycle as a hybrid meeting.',
        'Invite members to share examples of citizens’ budgets in the general channel.',
      ],
      actionItems: [
        { title: 'Circulate a draft budget portal feature checklist', assignee: a('gift'), dueInDays: 14 },
        {
          title: 'Collect country examples of citizens’ budget publications',
          assignee: m('member.ti'),
          dueInDays: 21,
        },
      ],
    },
  },
  'legislative-openness': {
    title: 'Open parliament commitments: sharing progress',
    description: 'Progress on open parliament commitments in national action plans, and tools that helped.',
    format: MeetingFormat.Virtual,
    timeZone: 'America/Santiago',
    dayOffset: -31,
    localStart: '11:00',
    durationMinutes: 75,
    onlineUrl: onlineRoom('legislative-openness', 'progress'),
    host: a('chile'),
    agenda: [
      {
        title: 'Progress on open parliament commitments',
        description: 'Where commitments stand, and what slowed or sped up implementation.',
        durationMinutes: 35,
        presenter: a('chile'),
      },
      {
        title: 'Tools for publishing legislative data',
        description: 'Bills, votes and committee records as open data.',
        durationMinutes: 30,
        presenter: a('ndi'),
      },
    ],
    rsvps: [going(a('ndi'))],
    attendees: [a('chile'), a('ndi')],
    minutes: {
      body:
        'The anchors reviewed progress on open parliament commitments and the obstacles met, chiefly ' +
        'coordination between chambers and the effort needed to publish voting records as structured data. ' +
        'The group discussed common formats for bills and votes and the value of publishing committee agendas ' +
        'ahead of meetings.',
      decisions: [
        'Focus the next session on citizen participation in law-making.',
        'Start a shared list of tools used to publish legislative data.',
      ],
      actionItems: [
        {
          title: 'Share a summary of the legislative data publication approach',
          assignee: a('chile'),
          dueInDays: 10,
        },
        {
          title: 'Outline a guidance note on citizen participation in law-making',
          assignee: a('ndi'),
          dueInDays: 30,
        },
      ],
    },
  },
  'access-to-information': {
    title: 'Proactive disclosure: implementation lessons',
    description: 'How oversight bodies and public institutions make proactive disclosure work in practice.',
    format: MeetingFormat.Virtual,
    timeZone: 'America/Mexico_City',
    dayOffset: -17,
    localStart: '09:00',
    durationMinutes: 90,
    onlineUrl: onlineRoom('access-to-information', 'proactive-disclosure'),
    host: a('inai'),
    agenda: [
      {
        title: 'Proactive disclosure obligations in practice',
        description: 'What institutions must publish without a request, and how compliance is checked.',
        durationMinutes: 40,
        presenter: a('inai'),
      },
      {
        title: 'Measuring implementation of access to information laws',
        description: 'Indicators and assessment methods used by civil society.',
        durationMinutes: 40,
        presenter: a('carter'),
      },
    ],
    rsvps: [going(a('carter'))],
    attendees: [a('inai'), a('carter')],
    minutes: {
      body:
        'Participants discussed proactive disclosure duties and the practical difficulty of keeping published ' +
        'information complete and current. Assessment methods that look at both the law and its ' +
        'implementation were compared, as were ways to report results back to institutions constructively.',
      decisions: [
        'Compile a short inventory of assessment methods for access to information laws.',
        'Hold the next session in person, focused on oversight bodies and appeals.',
      ],
      actionItems: [
        { title: 'Draft the inventory of assessment methods', assignee: a('carter'), dueInDays: 20 },
        { title: 'Propose an agenda for the in-person session', assignee: a('inai'), dueInDays: 7 },
      ],
    },
  },
  'anti-corruption': {
    title: 'Beneficial ownership registers: implementation lessons',
    description: 'Verification, access and use of beneficial ownership information.',
    format: MeetingFormat.Virtual,
    timeZone: 'Asia/Tbilisi',
    dayOffset: -10,
    localStart: '16:00',
    durationMinutes: 90,
    onlineUrl: onlineRoom('anti-corruption', 'beneficial-ownership'),
    host: a('georgia'),
    agenda: [
      {
        title: 'Verifying beneficial ownership data',
        description: 'Approaches to checking submitted information and handling discrepancies.',
        durationMinutes: 40,
        presenter: a('uk'),
      },
      {
        title: 'Using registers in public procurement',
        description: 'Checking bidders against ownership data.',
        durationMinutes: 40,
        presenter: a('ti'),
      },
    ],
    rsvps: [going(a('uk')), going(a('ti')), going(a('osf')), going(m('member.brazil'))],
    attendees: [a('georgia'), a('uk'), a('ti'), a('osf'), m('member.brazil')],
    minutes: {
      body:
        'Members compared approaches to verifying beneficial ownership information, from automated checks at ' +
        'submission to discrepancy reporting by users of the data. Civil-society members highlighted the value ' +
        'of linking registers to procurement data to spot conflicts of interest. Access rules and data ' +
        'protection safeguards were discussed as a point to return to.',
      decisions: [
        'Prepare a short note comparing verification approaches.',
        'Devote the next session to open contracting data standards and their link to ownership data.',
      ],
      actionItems: [
        { title: 'Share a note on register verification approaches', assignee: a('uk'), dueInDays: 21 },
        {
          title: 'Collect examples of procurement checks against ownership data',
          assignee: m('member.brazil'),
          dueInDays: 28,
        },
      ],
    },
  },
  'open-data': {
    title: 'Open Data Charter principles in national strategies',
    description: 'How national data strategies take up the Open Data Charter principles.',
    format: MeetingFormat.Virtual,
    timeZone: 'America/Toronto',
    dayOffset: -14,
    localStart: '11:00',
    durationMinutes: 60,
    onlineUrl: onlineRoom('open-data', 'charter-principles'),
    host: a('canada'),
    agenda: [
      {
        title: 'Adopting the Open Data Charter principles',
        description: 'From endorsement to practice: policies, guidance and review.',
        durationMinutes: 25,
        presenter: a('webf'),
      },
      {
        title: 'Data inventories and publication plans',
        description: 'Knowing what data exists before deciding what to publish first.',
        durationMinutes: 25,
        presenter: a('canada'),
      },
    ],
    rsvps: [going(a('webf')), going(m('member.brazil')), going(m('observer.canada'))],
    attendees: [a('canada'), a('webf'), m('member.brazil'), m('observer.canada')],
    minutes: {
      body:
        'Participants discussed how the Open Data Charter principles are reflected in national data strategies ' +
        'and where practice lags behind policy. Data inventories were seen as a practical first step for ' +
        'prioritising publication. Members asked for examples from subnational governments.',
      decisions: [
        'Share a template for a national data inventory with members.',
        'Make the use and impact of open data the theme of the next session.',
      ],
      actionItems: [
        { title: 'Share a data inventory template', assignee: a('canada'), dueInDays: 14 },
        {
          title: 'Summarise lessons from subnational open data portals',
          assignee: m('member.brazil'),
          dueInDays: 30,
        },
      ],
    },
  },
  'natural-resource-openness': {
    title: 'Extractive sector contract transparency',
    description: 'Disclosure of extractive sector contracts and environmental information.',
    format: MeetingFormat.Virtual,
    timeZone: 'Asia/Jakarta',
    dayOffset: -28,
    localStart: '19:00',
    durationMinutes: 75,
    onlineUrl: onlineRoom('natural-resource-openness', 'contracts'),
    host: a('indonesia'),
    agenda: [
      {
        title: 'Contract disclosure in the extractive sector',
        description: 'Publishing contracts and licences, and making them usable.',
        durationMinutes: 35,
        presenter: a('nrgi'),
      },
      {
        title: 'Environmental data and community participation',
        description: 'Environmental impact information that affected communities can use.',
        durationMinutes: 30,
        presenter: a('wri'),
      },
    ],
    rsvps: [going(a('nrgi')), going(a('wri'))],
    attendees: [a('indonesia'), a('nrgi'), a('wri')],
    minutes: {
      body:
        'The group discussed contract and licence disclosure in the extractive sector and how to make ' +
        'disclosed documents searchable and comparable. Members stressed that environmental information ' +
        'should be published in forms affected communities can use, and in time to inform decisions.',
      decisions: [
        'Collect examples of searchable contract disclosure portals.',
        'Hold the next session in person on land and forest data transparency.',
      ],
      actionItems: [
        { title: 'Collect examples of contract disclosure portals', assignee: a('nrgi'), dueInDays: 21 },
        {
          title: 'Prepare a short brief on publishing environmental impact information',
          assignee: a('wri'),
          dueInDays: 35,
        },
      ],
    },
  },
};
