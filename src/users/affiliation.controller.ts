import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedMeta } from '../common/auth/auth-user';
import { AuthMeta } from '../common/auth/decorators';
import { ProblemResponses } from '../common/openapi/decorators';
import { uuidOr404 } from '../common/pipes';
import { AffiliationService } from './affiliation.service';
import { AffiliationDto, SetAffiliationVerificationDto } from './dto/user.dto';

@ApiTags('users')
@ApiBearerAuth()
@Controller('organizations/:id/members/:userId/verification')
export class AffiliationController {
  constructor(private readonly affiliation: AffiliationService) {}

  @Put()
  @ApiOkResponse({ type: AffiliationDto })
  @ApiOperation({
    operationId: 'setAffiliationVerification',
    summary: "Verify or withdraw a user's affiliation with an organisation",
    description:
      'An admin, or a verified contact of the organisation (a user whose own affiliation with it is verified) ' +
      'for someone else. Withdrawing the last verified anchor of its type of an active group is refused.',
  })
  @ProblemResponses({
    'user.verified_contact_required': 403,
    'user.own_affiliation': 403,
    'group.anchor_missing': 409,
  })
  set(
    @Param('id', uuidOr404('Organization')) organizationId: string,
    @Param('userId', uuidOr404('User')) userId: string,
    @Body() dto: SetAffiliationVerificationDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<AffiliationDto> {
    return this.affiliation.setByContact(organizationId, userId, dto.verified, meta);
  }
}
