import { Module } from '@nestjs/common';
import { MeMeetingsController } from './me-meetings.controller';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';
import { RsvpService } from './rsvp.service';

@Module({
  controllers: [MeetingsController, MeMeetingsController],
  providers: [MeetingsService, RsvpService],
})
export class MeetingsModule {}
