export enum MeetingFormat {
  InPerson = 'in_person',
  Virtual = 'virtual',
  Hybrid = 'hybrid',
}

export enum MeetingStatus {
  Draft = 'draft',
  Scheduled = 'scheduled',
  Live = 'live',
  Concluded = 'concluded',
  Cancelled = 'cancelled',
}

export enum RsvpStatus {
  Going = 'going',
  Maybe = 'maybe',
  Declined = 'declined',
}

export enum MinutesStatus {
  Draft = 'draft',
  Published = 'published',
}

/** Declared in this order on purpose: PostgreSQL sorts enums by declaration, so `open` sorts first. */
export enum ActionItemStatus {
  Open = 'open',
  Done = 'done',
}

export enum AgendaItemStatus {
  Proposed = 'proposed',
  Accepted = 'accepted',
  Rejected = 'rejected',
}
