import { Module } from '@nestjs/common';
import { AgendaController } from './agenda.controller';
import { AgendaService } from './agenda.service';
import { MeMeetingsController } from './me-meetings.controller';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';
import { RsvpService } from './rsvp.service';

@Module({
  controllers: [MeetingsController, AgendaController, MeMeetingsController],
  providers: [MeetingsService, RsvpService, AgendaService],
})
export class MeetingsModule {}
