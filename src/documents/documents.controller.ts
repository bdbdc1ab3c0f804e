import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthenticatedMeta, RequestMeta } from '../common/auth/auth-user';
import { AuthMeta, Meta, Public } from '../common/auth/decorators';
import { uuidOr404 } from '../common/pipes';
import { ProblemResponses } from '../common/openapi/decorators';
import { DocumentContentService } from './document-content.service';
import { DocumentVersionsService } from './document-versions.service';
import { NOT_FOUND_DOCUMENT } from './documents-access';
import { DocumentsService } from './documents.service';
import {
  ContentQueryDto,
  DocumentDto,
  DocumentPageDto,
  DocumentVersionPageDto,
  ListDocumentsQueryDto,
  ListVersionsQueryDto,
  UpdateDocumentDto,
} from './dto/document.dto';
import { createDocumentBody, createVersionBody } from './openapi-bodies';

@ApiTags('documents')
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly versions: DocumentVersionsService,
    private readonly content: DocumentContentService,
  ) {}

  @Public()
  @Get('working-groups/:slug/documents')
  @ApiOperation({
    operationId: 'listGroupDocuments',
    summary: "List a group's documents",
    description:
      'Filter by kind, tag, meeting and a case- and accent-insensitive text query; sort by update time or title. Anonymous callers see the public documents of public groups.',
  })
  @ApiOkResponse({ type: DocumentPageDto })
  list(
    @Param('slug') slug: string,
    @Query() query: ListDocumentsQueryDto,
    @Meta() meta: RequestMeta,
  ): Promise<DocumentPageDto> {
    return this.documents.list(slug, query, meta);
  }

  @Post('working-groups/:slug/documents')
  @ApiOperation({
    operationId: 'createDocument',
    summary: 'Upload a new document with its first version',
    description:
      "Multipart (fields first, then the `file` part) or JSON with the `uploadId` of a finished tus upload. Members upload where the group's `documentUploads` allows, anchors always.",
  })
  @ProblemResponses({
    'group.role_required': 403,
    'document.upload_incomplete': 409,
    'document.file_required': 422,
    'document.file_empty': 422,
    'document.meeting_not_in_group': 422,
  })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody(createDocumentBody)
  @ApiCreatedResponse({ type: DocumentDto })
  create(
    @Param('slug') slug: string,
    @Req() req: Request,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<DocumentDto> {
    return this.documents.create(slug, req, meta);
  }

  @Public()
  @Get('documents/:id')
  @ApiOperation({ operationId: 'getDocument', summary: 'Get a document with its latest version' })
  @ApiOkResponse({ type: DocumentDto })
  get(
    @Param('id', uuidOr404(NOT_FOUND_DOCUMENT)) id: string,
    @Meta() meta: RequestMeta,
  ): Promise<DocumentDto> {
    return this.documents.get(id, meta);
  }

  @Patch('documents/:id')
  @ApiOperation({
    operationId: 'updateDocument',
    summary: "Edit a document's metadata",
    description: "The document's uploader or an anchor of its group.",
  })
  @ProblemResponses({ 'document.edit_forbidden': 403, 'document.meeting_not_in_group': 422 })
  @ApiOkResponse({ type: DocumentDto })
  update(
    @Param('id', uuidOr404(NOT_FOUND_DOCUMENT)) id: string,
    @Body() dto: UpdateDocumentDto,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<DocumentDto> {
    return this.documents.update(id, dto, meta);
  }

  @Delete('documents/:id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteDocument',
    summary: 'Delete a document',
    description: 'Anchors of its group. Soft: it leaves lists and downloads; the audit trail keeps it.',
  })
  @ProblemResponses({ 'group.role_required': 403 })
  @ApiNoContentResponse()
  remove(
    @Param('id', uuidOr404(NOT_FOUND_DOCUMENT)) id: string,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<void> {
    return this.documents.remove(id, meta);
  }

  @Public()
  @Get('documents/:id/versions')
  @ApiOperation({ operationId: 'listDocumentVersions', summary: "List a document's versions, newest first" })
  @ApiOkResponse({ type: DocumentVersionPageDto })
  listVersions(
    @Param('id', uuidOr404(NOT_FOUND_DOCUMENT)) id: string,
    @Query() query: ListVersionsQueryDto,
    @Meta() meta: RequestMeta,
  ): Promise<DocumentVersionPageDto> {
    return this.versions.list(id, query, meta);
  }

  @Post('documents/:id/versions')
  @ApiOperation({
    operationId: 'addDocumentVersion',
    summary: 'Append a version to a document',
    description:
      "Multipart `file` (and `note`), or JSON `{ uploadId, note? }`. The document's uploader or an anchor; numbers are gap-free.",
  })
  @ProblemResponses({
    'document.edit_forbidden': 403,
    'document.upload_incomplete': 409,
    'document.file_required': 422,
    'document.file_empty': 422,
  })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody(createVersionBody)
  @ApiCreatedResponse({ type: DocumentDto, description: 'the document with its new latest version' })
  addVersion(
    @Param('id', uuidOr404(NOT_FOUND_DOCUMENT)) id: string,
    @Req() req: Request,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<DocumentDto> {
    return this.versions.add(id, req, meta);
  }

  @Public()
  @Get('documents/:id/content')
  @ApiOperation({
    operationId: 'downloadDocument',
    summary: 'Download a version of a document',
    description:
      'The latest version unless `version` is given; always an attachment. Supports `Range` (206, 416) and `If-None-Match` (304).',
  })
  @ProblemResponses({ 'document.range_not_satisfiable': 416 })
  @ApiProduces('application/octet-stream')
  @ApiResponse({
    status: 200,
    description: 'the bytes, as an attachment, with the sniffed Content-Type and ETag = "<sha256>"',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiResponse({
    status: 206,
    description: 'the requested byte range (Content-Range)',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiResponse({ status: 304, description: 'If-None-Match matched the ETag' })
  download(
    @Param('id', uuidOr404(NOT_FOUND_DOCUMENT)) id: string,
    @Query() query: ContentQueryDto,
    @Meta() meta: RequestMeta,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.content.send(id, query, meta, req, res);
  }
}
