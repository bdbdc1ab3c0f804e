export enum ChannelKind {
  General = 'general',
  Meeting = 'meeting',
  Topic = 'topic',
}
