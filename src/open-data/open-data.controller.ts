import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/auth/decorators';
import { ProblemResponses } from '../common/openapi/decorators';
import { OpenDataDocumentDto, OpenDataQueryDto } from './dto/open-data.dto';
import { OpenDataFormat } from './open-data.enums';
import { OpenDataAnswer, OpenDataService } from './open-data.service';

/** Open data changes slowly and is the same for every caller: shared caches may keep it for five minutes. */
const OPEN_DATA_CACHE = 'public, max-age=300';
const CSV_TYPE = 'text/csv; charset=utf-8; header=present';

const okResponse = {
  description: 'JSON (below) or, for `format=csv` or `Accept: text/csv`, one RFC 4180 CSV file of `entity`',
  content: {
    'application/json': { schema: { $ref: '#/components/schemas/OpenDataDocumentDto' } },
    'text/csv': { schema: { type: 'string', description: 'RFC 4180 CSV with a header row' } },
  },
};

const describeOpenData =
  'Public facts only: public groups, the organisations of their anchors, concluded meetings, decisions of published minutes, adopted priority areas with their tallies by constituency, and commitments. No emails, no names of people, nothing of members-only groups. Columns: docs/open-data.md.';

@ApiTags('open data')
@Controller()
export class OpenDataController {
  constructor(private readonly openData: OpenDataService) {}

  @Public({ caller: 'unused' })
  @Get('open-data/groups')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ ...okResponse, type: OpenDataDocumentDto })
  @ApiOperation({
    operationId: 'getOpenData',
    summary: 'Open data of every public group',
    description: describeOpenData,
  })
  @ProblemResponses({ 'open_data.entity_required': 422 })
  async all(@Query() query: OpenDataQueryDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    cacheable(res);
    send(res, await this.openData.all(formatOf(query, req), query.entity));
  }

  @Public({ caller: 'unused' })
  @Get('working-groups/:slug/export')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ ...okResponse, type: OpenDataDocumentDto })
  @ApiOperation({
    operationId: 'exportGroup',
    summary: 'Open data of one public group',
    description: describeOpenData,
  })
  @ProblemResponses({ 'open_data.entity_required': 422 })
  async group(
    @Param('slug') slug: string,
    @Query() query: OpenDataQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    cacheable(res);
    send(res, await this.openData.group(slug, formatOf(query, req), query.entity));
  }
}

/** `?format=` decides; otherwise the Accept header (quality, then order; `*\/*` or none: JSON). */
function formatOf(query: OpenDataQueryDto, req: Request): OpenDataFormat {
  if (query.format) return query.format;
  return req.accepts(['application/json', 'text/csv']) === 'text/csv'
    ? OpenDataFormat.Csv
    : OpenDataFormat.Json;
}

/**
 * Set before the answer is built, so a 404 or 422 is as cacheable as the data (the answer never depends on the
 * caller, whose token the guard has already checked): a group made public shows within five minutes.
 */
function cacheable(res: Response): void {
  res.setHeader('Cache-Control', OPEN_DATA_CACHE);
  res.setHeader('Vary', 'Accept');
}

function send(res: Response, answer: OpenDataAnswer): void {
  if (answer.format === OpenDataFormat.Json) {
    res.status(200).json(answer.document);
    return;
  }
  res.setHeader('Content-Type', CSV_TYPE);
  res.setHeader('Content-Disposition', `attachment; filename="${answer.filename}"`);
  res.status(200).send(answer.csv);
}
