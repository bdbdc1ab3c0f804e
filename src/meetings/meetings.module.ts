import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { Membership } from '../groups/membership/entities/membership.entity';
import { WorkingGroup } from '../groups/working-groups/entities/working-group.entity';
import { User } from '../users/entities/user.entity';
import { MEETING_ENTITIES } from './entities';
import { ActionItemsService } from './action-items.service';
import { AgendaController } from './agenda.controller';
import { AgendaService } from './agenda.service';
import { AttendanceService } from './attendance.service';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { MeMeetingsController } from './me-meetings.controller';
import { MeetingActivityRedaction } from './meeting-activity-redaction';
import { MembershipEndedRsvpHandler } from './membership-ended-rsvp.handler';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';
import { MinutesController } from './minutes.controller';
import { MinutesService } from './minutes.service';
import { RsvpService } from './rsvp.service';

@Module({
  imports: [MikroOrmModule.forFeature([...MEETING_ENTITIES, WorkingGroup, Membership, User])],
  controllers: [
    MeetingsController,
    AgendaController,
    MinutesController,
    CalendarController,
    MeMeetingsController,
  ],
  providers: [
    MeetingsService,
    RsvpService,
    MembershipEndedRsvpHandler,
    AgendaService,
    AttendanceService,
    MinutesService,
    ActionItemsService,
    CalendarService,
    MeetingActivityRedaction,
  ],
})
export class MeetingsModule {}
