import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedMeta } from '../common/auth/auth-user';
import { AuthMeta, Public } from '../common/auth/decorators';
import { uuidOr404 } from '../common/pipes';
import {
  CreateOrganizationDto,
  ListOrganizationsQueryDto,
  OrganizationDto,
  OrganizationPageDto,
} from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';
import { ProblemResponses } from '../common/openapi/decorators';

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Public({ caller: 'unused' })
  @Get()
  @ApiOkResponse({ type: OrganizationPageDto })
  @ApiOperation({ operationId: 'listOrganizations', summary: 'List organisations' })
  list(@Query() query: ListOrganizationsQueryDto): Promise<OrganizationPageDto> {
    return this.organizations.list(query);
  }

  @Public({ caller: 'unused' })
  @Get(':id')
  @ApiOkResponse({ type: OrganizationDto })
  @ApiOperation({ operationId: 'getOrganization', summary: 'Get an organisation' })
  get(@Param('id', uuidOr404('Organization')) id: string): Promise<OrganizationDto> {
    return this.organizations.get(id);
  }

  @ApiBearerAuth()
  @Post()
  @ApiCreatedResponse({ type: OrganizationDto })
  @ApiOperation({
    operationId: 'createOrganization',
    summary: 'Register an organisation',
    description: 'Steering Committee or admins only.',
  })
  @ProblemResponses({ 'access.role_required': 403, 'organization.duplicate_name': 409 })
  create(@Body() dto: CreateOrganizationDto, @AuthMeta() meta: AuthenticatedMeta): Promise<OrganizationDto> {
    return this.organizations.create(dto, meta);
  }
}
