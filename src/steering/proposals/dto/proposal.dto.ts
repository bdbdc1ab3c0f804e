import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
} from 'class-validator';
import { Page, PaginationQueryDto } from '../../../common/pagination/pagination';
import { OptionalNotNull } from '../../../common/validation/validators';
import { THEME_PATTERN } from '../../../groups/working-groups/dto/working-group.dto';
import { OrganizationSummaryDto } from '../../../organizations/dto/organization.dto';
import { ProposalDecision, ProposalStatus } from '../proposals.enums';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const THEME_MESSAGE = 'theme must be a snake_case key such as open_data (2-60 characters)';
export const MAX_ANCHOR_ORGANIZATIONS = 10;
export const MAX_ANCHOR_USERS = 20;

/** `POST /proposals`. */
export class CreateProposalDto {
  @ApiProperty({ maxLength: 200, example: 'Climate and Open Government' })
  @Transform(trim)
  @IsString()
  @Length(2, 200)
  name!: string;

  @ApiProperty({ example: 'climate', pattern: THEME_PATTERN.source })
  @IsString()
  @Matches(THEME_PATTERN, { message: THEME_MESSAGE })
  theme!: string;

  @ApiProperty({
    maxLength: 20000,
    description: "what the group will work on; becomes the group's description",
  })
  @IsString()
  @Length(1, 20000)
  scope!: string;

  @ApiProperty({ maxLength: 20000, description: 'why the platform needs this group' })
  @IsString()
  @Length(1, 20000)
  rationale!: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 2,
    maxItems: MAX_ANCHOR_ORGANIZATIONS,
    description: 'government and civil-society organisations proposed as anchors (at least one of each)',
  })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_ANCHOR_ORGANIZATIONS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  proposedAnchorOrganizationIds!: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MAX_ANCHOR_USERS,
    description:
      'people of the proposed organisations named as anchors: approval invites them (decision 0014); an organisation with no one named stays a pending anchor',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_ANCHOR_USERS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  proposedAnchorUserIds?: string[];
}

/** `PATCH /proposals/:id`: a revision after changes were requested; fields left out keep their value. */
export class ReviseProposalDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @OptionalNotNull()
  @Transform(trim)
  @IsString()
  @Length(2, 200)
  name?: string;

  @ApiPropertyOptional({ example: 'climate', pattern: THEME_PATTERN.source })
  @OptionalNotNull()
  @IsString()
  @Matches(THEME_PATTERN, { message: THEME_MESSAGE })
  theme?: string;

  @ApiPropertyOptional({ maxLength: 20000 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 20000)
  scope?: string;

  @ApiPropertyOptional({ maxLength: 20000 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 20000)
  rationale?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', minItems: 2, maxItems: MAX_ANCHOR_ORGANIZATIONS })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_ANCHOR_ORGANIZATIONS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  proposedAnchorOrganizationIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_ANCHOR_USERS })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_ANCHOR_USERS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  proposedAnchorUserIds?: string[];
}

/** `POST /proposals/:id/decision`. */
export class DecideProposalDto {
  @ApiProperty({ enum: ProposalDecision, enumName: 'ProposalDecision' })
  @IsEnum(ProposalDecision)
  decision!: ProposalDecision;

  @ApiProperty({ maxLength: 20000 })
  @Transform(trim)
  @IsString()
  @Length(1, 20000)
  rationale!: string;
}

/** `POST /proposals/:id/comments`. */
export class CreateProposalCommentDto {
  @ApiProperty({ maxLength: 10000 })
  @Transform(trim)
  @IsString()
  @Length(1, 10000)
  body!: string;
}

export class ListProposalsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: ProposalStatus, enumName: 'ProposalStatus' })
  @IsOptional()
  @IsIn(Object.values(ProposalStatus))
  status?: ProposalStatus;
}

export class ProposalPersonDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: OrganizationSummaryDto, nullable: true }) organization!: OrganizationSummaryDto | null;
}

export class ProposalRevisionDto {
  @ApiProperty() number!: number;
  @ApiProperty() name!: string;
  @ApiProperty() theme!: string;
  @ApiProperty() scope!: string;
  @ApiProperty() rationale!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) proposedAnchorOrganizationIds!: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) proposedAnchorUserIds!: string[];
  @ApiProperty() createdAt!: Date;
}

export class ProposalDecisionDto {
  @ApiProperty({ enum: ProposalDecision, enumName: 'ProposalDecision' }) decision!: ProposalDecision;
  @ApiProperty() rationale!: string;
  @ApiProperty({ type: ProposalPersonDto, nullable: true }) decidedBy!: ProposalPersonDto | null;
  @ApiProperty() decidedAt!: Date;
}

/** A proposal in a list: its current fields and status. */
export class ProposalSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'climate' }) theme!: string;
  @ApiProperty() scope!: string;
  @ApiProperty() rationale!: string;
  @ApiProperty({ enum: ProposalStatus, enumName: 'ProposalStatus' }) status!: ProposalStatus;
  @ApiProperty({ type: ProposalPersonDto }) proposer!: ProposalPersonDto;
  @ApiProperty({ type: [String], format: 'uuid' }) proposedAnchorOrganizationIds!: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) proposedAnchorUserIds!: string[];
  @ApiProperty({ description: 'number of the current revision (1: as first submitted)' })
  revisionNumber!: number;
  @ApiProperty({ type: ProposalDecisionDto, nullable: true, description: 'the latest decision' })
  decision!: ProposalDecisionDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'the group an approval created' })
  groupSlug!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

/** `GET /proposals/:id`: the proposal with its organisations, named anchors and every revision. */
export class ProposalDto extends ProposalSummaryDto {
  @ApiProperty({ type: [OrganizationSummaryDto] }) proposedAnchorOrganizations!: OrganizationSummaryDto[];
  @ApiProperty({ type: [ProposalPersonDto] }) proposedAnchors!: ProposalPersonDto[];
  @ApiProperty({
    type: [ProposalPersonDto],
    description: 'after approval: the named people invited as anchors of the new group',
  })
  invitedAnchors!: ProposalPersonDto[];
  @ApiProperty({
    type: [OrganizationSummaryDto],
    description: 'after approval: proposed organisations none of whose people was invited (pending anchors)',
  })
  pendingAnchorOrganizations!: OrganizationSummaryDto[];
  @ApiProperty({ type: [ProposalRevisionDto], description: 'every submitted version, oldest first' })
  revisions!: ProposalRevisionDto[];
  @ApiProperty({ description: 'comments and decisions so far (GET /proposals/{id}/comments lists them)' })
  commentCount!: number;
}

export class ProposalPageDto implements Page<ProposalSummaryDto> {
  @ApiProperty({ type: [ProposalSummaryDto] }) items!: ProposalSummaryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ProposalCommentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: ProposalPersonDto }) author!: ProposalPersonDto;
  @ApiProperty() body!: string;
  @ApiProperty({
    enum: ProposalDecision,
    enumName: 'ProposalDecision',
    nullable: true,
    description: 'set when this entry is a decision (its body is the rationale)',
  })
  decision!: ProposalDecision | null;
  @ApiProperty() createdAt!: Date;
}

export class ProposalCommentPageDto implements Page<ProposalCommentDto> {
  @ApiProperty({ type: [ProposalCommentDto] }) items!: ProposalCommentDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
