import { Body, Controller, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
import { ProblemResponses } from '../common/openapi/decorators';

@ApiTags('meetings')
@ApiBearerAuth()
@Controller()
export class AgendaController {
  constructor(private readonly agenda: AgendaService) {}

  @Public()
  @Get('meetings/:id/agenda-items')
  @ApiOkResponse({ type: AgendaItemPageDto })
  @ApiOperation({ operationId: 'listAgendaItems', summary: "List a meeting's agenda" })
  list(@Param('id', uuidOr404('Meeting')) id: string, @Meta() meta: RequestMeta): Promise<AgendaItemPageDto> {
    return this.agenda.list(id, meta);
  }

  @Post('meetings/:id/agenda-items')
  @ApiCreatedResponse({ type: AgendaItemDto })
  @ApiOperation({
    operationId: 'proposeAgendaItem',
    summary: 'Propose an agenda item',
    description: 'Active members propose; only anchors may set an accepted or rejected status.',
  })
  @ProblemResponses({
    'group.role_required': 403,
    'agenda.anchor_required': 403,
    'agenda.closed': 409,
    'agenda.full': 409,
  })
  create(
    @Param('id', uuidOr404('Meeting')) id: string,
    @Body() dto: CreateAgendaItemDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<AgendaItemDto> {
    return this.agenda.create(id, dto, meta);
  }

  @Patch('agenda-items/:id')
  @ApiOkResponse({ type: AgendaItemDto })
  @ApiOperation({
    operationId: 'updateAgendaItem',
    summary: 'Edit, accept or reject an agenda item',
    description: 'Anchors of the group only; while the agenda is open.',
  })
  @ProblemResponses({ 'group.role_required': 403, 'agenda.closed': 409 })
  update(
    @Param('id', uuidOr404('Agenda item')) id: string,
    @Body() dto: UpdateAgendaItemDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<AgendaItemDto> {
    return this.agenda.update(id, dto, meta);
  }

  @Put('meetings/:id/agenda-order')
  @ApiOkResponse({ type: AgendaItemPageDto })
  @ApiOperation({
    operationId: 'reorderAgenda',
    summary: 'Reorder the agenda',
    description: 'Anchors only; the order must list every non-rejected item once.',
  })
  @ProblemResponses({ 'group.role_required': 403, 'agenda.closed': 409, 'agenda.order_mismatch': 409 })
  reorder(
    @Param('id', uuidOr404('Meeting')) id: string,
    @Body() dto: AgendaOrderDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<AgendaItemPageDto> {
    return this.agenda.reorder(id, dto, meta);
  }
}
