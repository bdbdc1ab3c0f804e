import { ProblemResponses } from '../common/openapi/decorators';
import { Controller, Delete, Head, Param, Patch, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthenticatedMeta } from '../common/auth/auth-user';
import { AuthMeta } from '../common/auth/decorators';
import { uuidOr404 } from '../common/pipes';
import { AppConfig } from '../config/app-config';
import { speaksTus1, TusEndpoint } from './tus-endpoint';
import { readUploadCreation } from './upload-rules';
import { UploadsService } from './uploads.service';

const TUS_RESUMABLE = { name: 'Tus-Resumable', required: true, description: 'tus protocol version: `1.0.0`' };
const BINARY = { schema: { type: 'string', format: 'binary' } };

/**
 * tus 1.0 (core, creation, creation-with-upload, termination, expiration) under `/uploads`. Each route is ours first
 * (authentication by the global guard, then ownership, limits and expiry, refused as problem+json) and tus's second:
 * protocol errors (412 without Tus-Resumable, 409 on an offset mismatch, 400 on a bad header) are tus's plain-text
 * answers. See docs/uploads.md.
 */
@ApiTags('uploads')
@ApiBearerAuth()
@Controller('uploads')
export class UploadsController {
  private readonly maxBytes: number;

  constructor(
    private readonly uploads: UploadsService,
    private readonly tus: TusEndpoint,
    config: AppConfig,
  ) {
    this.maxBytes = config.maxUploadMb * 1024 * 1024;
  }

  @Post()
  @ApiOperation({
    operationId: 'createUpload',
    summary: 'Start a resumable upload (tus creation)',
    description:
      '`Upload-Length` is required and at most MAX_UPLOAD_MB (413); `Upload-Metadata` may carry `filename`. The ' +
      'body may hold the first bytes (`application/offset+octet-stream`, creation-with-upload). Answers 201 with ' +
      '`Location: /uploads/{id}` and `Upload-Expires`; 409 `upload.limit_reached` past UPLOAD_MAX_OPEN_PER_USER, 429 ' +
      'past the creation rate.',
  })
  @ProblemResponses({ 'upload.length_required': 400, 'upload.limit_reached': 409 })
  @ApiHeader(TUS_RESUMABLE)
  @ApiHeader({ name: 'Upload-Length', required: true, description: 'total size in bytes' })
  @ApiHeader({
    name: 'Upload-Metadata',
    required: false,
    description: 'tus metadata, e.g. `filename <base64>`',
  })
  @ApiConsumes('application/offset+octet-stream')
  @ApiBody({ required: false, ...BINARY })
  @ApiCreatedResponse({
    description: 'Created (no body)',
    headers: {
      Location: { description: 'the upload, `/uploads/{id}`', schema: { type: 'string' } },
      'Upload-Offset': {
        description: 'bytes stored, when the request carried some',
        schema: { type: 'integer' },
      },
      'Upload-Expires': {
        description: 'when the unfinished upload expires (RFC 7231)',
        schema: { type: 'string' },
      },
    },
  })
  async create(
    @Req() req: Request,
    @Res() res: Response,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<void> {
    if (!speaksTus1(req)) return this.tus.handle(req, res, null);
    const upload = await this.uploads.reserve(meta.user, readUploadCreation(req.headers, this.maxBytes));
    await this.tus.handle(req, res, upload.id);
    // tus refused it after all (a malformed header): the booking goes, moments after the answer.
    if (res.statusCode !== 201) await this.uploads.release(upload.id);
  }

  @Head(':id')
  @ApiOperation({
    operationId: 'getUploadOffset',
    summary: 'How much of an upload arrived (tus offset)',
    description:
      '`Upload-Offset` says where to resume; `Upload-Length` the total. 404 for an upload of someone else.',
  })
  @ProblemResponses({ 'upload.expired': 410 })
  @ApiHeader(TUS_RESUMABLE)
  @ApiOkResponse({
    description: 'No body',
    headers: {
      'Upload-Offset': {
        description: 'bytes received so far: resume from here',
        schema: { type: 'integer' },
      },
      'Upload-Length': { description: 'the declared size', schema: { type: 'integer' } },
      'Upload-Metadata': { description: 'the metadata given at creation', schema: { type: 'string' } },
    },
  })
  async offset(
    @Param('id', uuidOr404('Upload')) id: string,
    @Req() req: Request,
    @Res() res: Response,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<void> {
    await this.uploads.requireOwned(id, meta.user);
    await this.tus.handle(req, res, id);
  }

  @Patch(':id')
  @ApiOperation({
    operationId: 'appendToUpload',
    summary: 'Append bytes to an upload from its offset (tus PATCH)',
    description:
      '`Upload-Offset` must equal the current offset (else 409). An interrupted PATCH keeps what arrived: ask HEAD ' +
      'and resume from there. 204 with the new `Upload-Offset`.',
  })
  @ProblemResponses({ 'upload.expired': 410 })
  @ApiHeader(TUS_RESUMABLE)
  @ApiHeader({ name: 'Upload-Offset', required: true, description: 'where these bytes start' })
  @ApiConsumes('application/offset+octet-stream')
  @ApiBody(BINARY)
  @ApiNoContentResponse({ description: 'Stored; `Upload-Offset` is the new offset' })
  async append(
    @Param('id', uuidOr404('Upload')) id: string,
    @Req() req: Request,
    @Res() res: Response,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<void> {
    await this.uploads.requireOwned(id, meta.user);
    await this.tus.handle(req, res, id);
  }

  @Delete(':id')
  @ApiOperation({
    operationId: 'terminateUpload',
    summary: 'Abandon an upload and free its slot (tus termination)',
  })
  @ApiHeader(TUS_RESUMABLE)
  @ApiNoContentResponse({ description: 'Removed' })
  async terminate(
    @Param('id', uuidOr404('Upload')) id: string,
    @Req() req: Request,
    @Res() res: Response,
    @AuthMeta() meta: AuthenticatedMeta,
  ): Promise<void> {
    await this.uploads.requireOwned(id, meta.user);
    // Abandoned from now on, whatever tus answers: should its removal fail, the sweep removes bytes and row. On
    // success tus's store drops the row before the 204 (TusEndpoint).
    await this.uploads.expireNow(id);
    await this.tus.handle(req, res, id);
  }
}
