import { OpenDataEntity } from './open-data.enums';

/**
 * The published column set of every open-data entity: one source for the CSV header, the JSON keys (the column
 * name in camelCase), the OpenAPI schema and docs/open-data.md (a test keeps that page equal to this list).
 * Columns are only ever added at the end, never renamed or removed: consumers read them by name or by position.
 */
export type ColumnKind = 'text' | 'integer' | 'number' | 'instant' | 'date' | 'list';

export interface Column {
  name: string;
  kind: ColumnKind;
  /** Null for an optional value (empty in CSV). */
  nullable?: boolean;
  description: string;
}

const tally = (side: string, label: string): Column[] =>
  (['agree', 'abstain', 'object'] as const)
    .map((position): Column => ({
      name: `${side}_${position}`,
      kind: 'integer',
      description: `${label} members whose current position is \`${position}\``,
    }))
    .concat([
      { name: `${side}_members`, kind: 'integer', description: `${label} active members of the group` },
      { name: `${side}_responded`, kind: 'integer', description: `${label} active members with a position` },
    ]);

export const OPEN_DATA_COLUMNS: Record<OpenDataEntity, readonly Column[]> = {
  [OpenDataEntity.Groups]: [
    { name: 'slug', kind: 'text', description: "the group's stable identifier (its URL path)" },
    { name: 'name', kind: 'text', description: 'name' },
    { name: 'theme', kind: 'text', description: 'theme key, e.g. `open_data`' },
    { name: 'description', kind: 'text', description: 'description (scope)' },
    {
      name: 'status',
      kind: 'text',
      description: '`proposed`, `active`, `under_review`, `sunset` or `archived`',
    },
    {
      name: 'government_anchor_organizations',
      kind: 'list',
      description:
        "names of the government organisations of the group's active anchors (verified affiliations)",
    },
    {
      name: 'civil_society_anchor_organizations',
      kind: 'list',
      description:
        "names of the civil-society organisations of the group's active anchors (verified affiliations)",
    },
    {
      name: 'member_countries',
      kind: 'list',
      description:
        "ISO 3166-1 alpha-2 countries of the active members' organisations (verified affiliations)",
    },
    { name: 'meetings_held', kind: 'integer', description: 'concluded meetings' },
    { name: 'priority_areas_adopted', kind: 'integer', description: 'priority areas in status `adopted`' },
    { name: 'commitments', kind: 'integer', description: 'action-plan commitments the group supports' },
    { name: 'created_at', kind: 'instant', description: 'when the group was created' },
  ],
  [OpenDataEntity.Meetings]: [
    { name: 'id', kind: 'text', description: "the meeting's id" },
    { name: 'group_slug', kind: 'text', description: "the group's slug" },
    { name: 'title', kind: 'text', description: 'title' },
    { name: 'format', kind: 'text', description: '`in_person`, `virtual` or `hybrid`' },
    { name: 'starts_at', kind: 'instant', description: 'start (UTC)' },
    { name: 'ends_at', kind: 'instant', description: 'end (UTC)' },
    { name: 'time_zone', kind: 'text', description: "the meeting's IANA time zone" },
    { name: 'attendee_count', kind: 'integer', description: 'people who joined the live session' },
    {
      name: 'minutes_published_at',
      kind: 'instant',
      nullable: true,
      description: 'when its minutes were published (empty: none yet)',
    },
  ],
  [OpenDataEntity.Minutes]: [
    { name: 'meeting_id', kind: 'text', description: "the meeting's id" },
    { name: 'group_slug', kind: 'text', description: "the group's slug" },
    { name: 'meeting_title', kind: 'text', description: "the meeting's title" },
    { name: 'meeting_starts_at', kind: 'instant', description: "the meeting's start (UTC)" },
    { name: 'published_at', kind: 'instant', description: 'when the minutes were published' },
    {
      name: 'decision_number',
      kind: 'integer',
      description: 'the decision’s position in the minutes, from 1',
    },
    { name: 'decision', kind: 'text', description: 'the decision as recorded' },
  ],
  [OpenDataEntity.PriorityAreas]: [
    { name: 'id', kind: 'text', description: "the priority area's id" },
    { name: 'group_slug', kind: 'text', description: "the group's slug" },
    { name: 'title', kind: 'text', description: 'title' },
    { name: 'description', kind: 'text', description: 'description' },
    { name: 'outcome', kind: 'text', nullable: true, description: 'the outcome statement of its adoption' },
    { name: 'adopted_at', kind: 'instant', description: 'when the anchors adopted it' },
    { name: 'review_on', kind: 'date', nullable: true, description: 'the date set for its review' },
    {
      name: 'override_reason',
      kind: 'text',
      nullable: true,
      description: 'why it was adopted over an open objection (empty: there was none)',
    },
    ...tally('government', 'Government'),
    ...tally('civil_society', 'Civil-society'),
    ...tally('other', 'Multilateral and other'),
    ...(['agree', 'abstain', 'object'] as const).map((position): Column => ({
      name: `unverified_${position}`,
      kind: 'integer',
      description: `members whose affiliation was not verified when they took the position \`${position}\` (counted for no side)`,
    })),
  ],
  [OpenDataEntity.Commitments]: [
    { name: 'id', kind: 'text', description: "the commitment's id in Convene" },
    { name: 'group_slug', kind: 'text', description: "the supporting group's slug" },
    { name: 'country', kind: 'text', description: 'ISO 3166-1 alpha-2 country of the action plan' },
    { name: 'cycle', kind: 'text', description: 'action-plan cycle, e.g. `2023-2027`' },
    { name: 'reference', kind: 'text', description: "the commitment's reference in the action plan" },
    { name: 'title', kind: 'text', description: 'title' },
    { name: 'url', kind: 'text', nullable: true, description: 'link to the commitment' },
    {
      name: 'status',
      kind: 'text',
      description: 'IRM completion level: `not_started`, `limited`, `substantial` or `completed`',
    },
    {
      name: 'supporting_organization',
      kind: 'text',
      nullable: true,
      description: 'name of the supporting organisation',
    },
    { name: 'created_at', kind: 'instant', description: 'when the group recorded it' },
    { name: 'updated_at', kind: 'instant', description: 'when it last changed' },
  ],
};

/** `priority_areas` → `priorityAreas`: JSON keys are the column names in camelCase. */
export const camelCase = (name: string): string =>
  name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** A row of an entity: JSON values by camelCase key (strings, numbers, string lists, null). */
export type OpenDataRow = Record<string, string | number | string[] | null>;
