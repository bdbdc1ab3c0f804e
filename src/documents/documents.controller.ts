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
    summary: "List a group's documents (filter by kind, tag, meeting, text; sort by update or title)",
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
    summary: 'Upload a new document with its first version (multipart, or JSON with an uploadId)',
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
  @ApiOperation({ summary: 'A document with its latest version' })
  @ApiOkResponse({ type: DocumentDto })
  get(
    @Param('id', uuidOr404(NOT_FOUND_DOCUMENT)) id: string,
    @Meta() meta: RequestMeta,
  ): Promise<DocumentDto> {
    return this.documents.get(id, meta);
  }

  @Patch('documents/:id')
  @ApiOperation({ summary: "Edit a document's metadata (its uploader or an anchor)" })
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
  @ApiOperation({ summary: 'Delete a document (anchors; soft: the audit trail keeps it)' })
  @ApiNoContentResponse()
  remove(
    @Param('id', uuidOr404(NOT_FOUND_DOCUMENT)) id: string,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<void> {
    return this.documents.remove(id, meta);
  }

  @Public()
  @Get('documents/:id/versions')
  @ApiOperation({ summary: "A document's versions, newest first" })
  @ApiOkResponse({ type: DocumentVersionPageDto })
  listVersions(
    @Param('id', uuidOr404(NOT_FOUND_DOCUMENT)) id: string,
    @Query() query: ListVersionsQueryDto,
    @Meta() meta: RequestMeta,
  ): Promise<DocumentVersionPageDto> {
    return this.versions.list(id, query, meta);
  }

  @Post('documents/:id/versions')
  @ApiOperation({ summary: 'Append a version (multipart `file` and `note`, or JSON `{ uploadId, note? }`)' })
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
  @ApiOperation({ summary: 'Download a version (the latest by default); Range and If-None-Match supported' })
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
  @ApiResponse({ status: 416, description: 'the range starts past the end (Content-Range: bytes */size)' })
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
