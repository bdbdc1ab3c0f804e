import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: OrganizationPageDto })
  list(@Query() query: ListOrganizationsQueryDto): Promise<OrganizationPageDto> {
    return this.organizations.list(query);
  }

  @Public()
  @Get(':id')
  @ApiOkResponse({ type: OrganizationDto })
  get(@Param('id', uuidOr404('Organization')) id: string): Promise<OrganizationDto> {
    return this.organizations.get(id);
  }

  @ApiBearerAuth()
  @Post()
  @ApiCreatedResponse({ type: OrganizationDto })
  create(@Body() dto: CreateOrganizationDto, @AuthMeta() meta: AuthenticatedMeta): Promise<OrganizationDto> {
    return this.organizations.create(dto, meta);
  }
}
