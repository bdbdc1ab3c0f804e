import { Body, Controller, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedMeta, RequestMeta } from '../common/auth/auth-user';
import { AuthMeta, Meta, Public } from '../common/auth/decorators';
import { uuidOr404 } from '../common/pipes';
import { AgendaService } from './agenda.service';
import {
  AgendaItemDto,
  AgendaItemPageDto,
  AgendaOrderDto,
  CreateAgendaItemDto,
  UpdateAgendaItemDto,
} from './dto/agenda.dto';

@ApiTags('meetings')
@ApiBearerAuth()
@Controller()
export class AgendaController {
  constructor(private readonly agenda: AgendaService) {}

  @Public()
  @Get('meetings/:id/agenda-items')
  @ApiOkResponse({ type: AgendaItemPageDto })
  list(@Param('id', uuidOr404('Meeting')) id: string, @Meta() meta: RequestMeta): Promise<AgendaItemPageDto> {
    return this.agenda.list(id, meta);
  }

  @Post('meetings/:id/agenda-items')
  @ApiCreatedResponse({ type: AgendaItemDto })
  create(
    @Param('id', uuidOr404('Meeting')) id: string,
    @Body() dto: CreateAgendaItemDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<AgendaItemDto> {
    return this.agenda.create(id, dto, meta);
  }

  @Patch('agenda-items/:id')
  @ApiOkResponse({ type: AgendaItemDto })
  update(
    @Param('id', uuidOr404('Agenda item')) id: string,
    @Body() dto: UpdateAgendaItemDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<AgendaItemDto> {
    return this.agenda.update(id, dto, meta);
  }

  @Put('meetings/:id/agenda-order')
  @ApiOkResponse({ type: AgendaItemPageDto })
  reorder(
    @Param('id', uuidOr404('Meeting')) id: string,
    @Body() dto: AgendaOrderDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<AgendaItemPageDto> {
    return this.agenda.reorder(id, dto, meta);
  }
}
