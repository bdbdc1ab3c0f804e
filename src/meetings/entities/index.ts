import { AgendaItem } from './agenda-item.entity';
import { Attendance } from './attendance.entity';
import { CalendarToken } from './calendar-token.entity';
import { Meeting } from './meeting.entity';
import { ActionItem, Minutes } from './minutes.entity';
import { Rsvp } from './rsvp.entity';

export const MEETING_ENTITIES = [Meeting, AgendaItem, Rsvp, Attendance, Minutes, ActionItem, CalendarToken];
