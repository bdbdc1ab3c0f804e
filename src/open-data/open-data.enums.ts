/** The kinds of open data, each one file in CSV (`?entity=`). */
export enum OpenDataEntity {
  Groups = 'groups',
  Meetings = 'meetings',
  Minutes = 'minutes',
  PriorityAreas = 'priority_areas',
  Commitments = 'commitments',
}

export enum OpenDataFormat {
  Json = 'json',
  Csv = 'csv',
}
