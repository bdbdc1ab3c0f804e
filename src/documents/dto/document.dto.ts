import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { Page, PaginationQueryDto } from '../../common/pagination/pagination';
import { OptionalNotNull } from '../../common/validation/validators';
import { PersonDto } from '../../meetings/dto/agenda.dto';
import { OptionalNullable, Trim } from '../../meetings/dto/validation';
import { DocumentKind, DocumentVisibility } from '../documents.enums';

export const MAX_TAGS = 20;
export const TAG_MAX_LENGTH = 50;
/** A tus upload id: opaque to this context, bounded so it cannot be used to send a large value. */
const UPLOAD_ID_PATTERN = /^[A-Za-z0-9_.-]{1,200}$/;

/**
 * Tags are compared case-insensitively, so they are stored lower-case, trimmed, NFC, each once. A multipart
 * body may repeat the `tags` field or send one comma-separated value; both end here as a list.
 */
export function normaliseTags(value: unknown): unknown {
  const list = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(list)) return value;
  if (!list.every((t): t is string => typeof t === 'string')) return list;
  const tags = list.map((t) => t.normalize('NFC').trim().toLowerCase()).filter((t) => t.length > 0);
  return [...new Set(tags)];
}

const TagList = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => normaliseTags(value));

/** Metadata shared by a new document's JSON body and its multipart fields. */
export class CreateDocumentFieldsDto {
  @ApiProperty({ maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiProperty({ enum: DocumentKind, enumName: 'DocumentKind' })
  @IsEnum(DocumentKind)
  kind!: DocumentKind;

  @ApiProperty({ enum: DocumentVisibility, enumName: 'DocumentVisibility' })
  @IsEnum(DocumentVisibility)
  visibility!: DocumentVisibility;

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_TAGS,
    description: 'stored lower-case; in multipart, repeat the field or send one comma-separated value',
  })
  @IsOptional()
  @TagList()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @Length(1, TAG_MAX_LENGTH, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'a meeting of the same group' })
  @IsOptional()
  @IsUUID()
  meetingId?: string;

  @ApiPropertyOptional({
    description: 'a finished tus upload (`/uploads`) to use as the first version, instead of a `file` part',
  })
  @IsOptional()
  @IsString()
  @Matches(UPLOAD_ID_PATTERN, { message: 'uploadId must be an upload id from /uploads' })
  uploadId?: string;
}

/** `POST /documents/:id/versions`: the multipart `note` field, or a JSON body `{ uploadId, note? }`. */
export class CreateVersionFieldsDto {
  @ApiPropertyOptional({ maxLength: 2000, description: 'what changed' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ description: 'a finished tus upload (`/uploads`), instead of a `file` part' })
  @IsOptional()
  @IsString()
  @Matches(UPLOAD_ID_PATTERN, { message: 'uploadId must be an upload id from /uploads' })
  uploadId?: string;
}

export class UpdateDocumentDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @OptionalNotNull()
  @Trim()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 20000 })
  @OptionalNullable()
  @IsString()
  @MaxLength(20000)
  description?: string | null;

  @ApiPropertyOptional({ enum: DocumentKind, enumName: 'DocumentKind' })
  @OptionalNotNull()
  @IsEnum(DocumentKind)
  kind?: DocumentKind;

  @ApiPropertyOptional({ enum: DocumentVisibility, enumName: 'DocumentVisibility' })
  @OptionalNotNull()
  @IsEnum(DocumentVisibility)
  visibility?: DocumentVisibility;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_TAGS })
  @OptionalNotNull()
  @TagList()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @Length(1, TAG_MAX_LENGTH, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null unlinks' })
  @OptionalNullable()
  @IsUUID()
  meetingId?: string | null;
}

export const DOCUMENT_SORTS = ['updatedAt', 'title'] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];

export class ListDocumentsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: DocumentKind, enumName: 'DocumentKind' })
  @IsOptional()
  @IsEnum(DocumentKind)
  kind?: DocumentKind;

  @ApiPropertyOptional({ description: 'documents carrying this tag (case-insensitive)' })
  @IsOptional()
  @IsString()
  @Length(1, TAG_MAX_LENGTH)
  tag?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'documents linked to this meeting' })
  @IsOptional()
  @IsUUID()
  meetingId?: string;

  @ApiPropertyOptional({
    maxLength: 100,
    description: 'substring of the title or description, ignoring case and accents ("resume" finds "Résumé")',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    enum: DOCUMENT_SORTS,
    default: 'updatedAt',
    description: 'updatedAt: newest first; title: A to Z',
  })
  @IsOptional()
  @IsIn(DOCUMENT_SORTS)
  sort?: DocumentSort;
}

export class ListVersionsQueryDto extends PaginationQueryDto {}

export class ContentQueryDto {
  @ApiPropertyOptional({ description: 'version number; the latest when absent', minimum: 1 })
  @IsOptional()
  @Matches(/^[1-9]\d{0,8}$/, { message: 'version must be a version number (1, 2, …)' })
  version?: string;
}

export class DocumentVersionDto {
  @ApiProperty({ example: 1 }) number!: number;
  @ApiProperty({ example: 'budget-2027.pdf', description: 'sanitised; its extension matches mimeType' })
  filename!: string;
  @ApiProperty({ example: 'application/pdf', description: 'sniffed from the bytes' }) mimeType!: string;
  @ApiProperty({ description: 'bytes' }) size!: number;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  sha256!: string;
  @ApiProperty({ type: PersonDto }) uploadedBy!: PersonDto;
  @ApiProperty({ type: String, nullable: true, description: 'what changed' }) note!: string | null;
  @ApiProperty() createdAt!: Date;
}

export class DocumentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) groupId!: string;
  @ApiProperty() groupSlug!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ enum: DocumentKind, enumName: 'DocumentKind' }) kind!: DocumentKind;
  @ApiProperty({ enum: DocumentVisibility, enumName: 'DocumentVisibility' }) visibility!: DocumentVisibility;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) meetingId!: string | null;
  @ApiProperty({ type: PersonDto }) createdBy!: PersonDto;
  @ApiProperty({ type: DocumentVersionDto }) latestVersion!: DocumentVersionDto;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class DocumentPageDto implements Page<DocumentDto> {
  @ApiProperty({ type: [DocumentDto] }) items!: DocumentDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class DocumentVersionPageDto implements Page<DocumentVersionDto> {
  @ApiProperty({ type: [DocumentVersionDto], description: 'newest first' }) items!: DocumentVersionDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
