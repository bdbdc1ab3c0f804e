import { Controller, Get, Param, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ApiOperation, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Public } from '../auth/decorators';
import { ProblemResponses } from './decorators';
import { finishOpenApiDocument } from './document';

@Controller('things')
@ProblemResponses({ 'access.forbidden': 403 })
class ThingsController {
  @Public()
  @Get(':id')
  @ApiOperation({ operationId: 'getThing', summary: 'Get a thing' })
  get(@Param('id') id: string): string {
    return id;
  }

  @Post()
  @ApiOperation({ operationId: 'createThing', summary: 'Create a thing' })
  @ProblemResponses({ 'state.conflict': 409 })
  @ProblemResponses({ 'request.too_large': 413 })
  create(): string {
    return 'created';
  }
}

@Public({ caller: 'unused' })
@Controller('open')
class OpenController {
  @Get()
  @ApiOperation({ operationId: 'open', summary: 'Open' })
  open(): string {
    return 'open';
  }
}

// The catalogue types the codes: an unknown code or a wrong status does not compile.
// @ts-expect-error 409 is not the status of access.forbidden
ProblemResponses({ 'access.forbidden': 409 });
// @ts-expect-error not a declared code
ProblemResponses({ 'thing.unknown': 404 });

describe('finishOpenApiDocument', () => {
  async function build(): Promise<ReturnType<typeof finishOpenApiDocument>> {
    const moduleRef = await Test.createTestingModule({
      controllers: [ThingsController, OpenController],
    }).compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    const doc = finishOpenApiDocument(
      SwaggerModule.createDocument(app, new DocumentBuilder().addBearerAuth().build()),
    );
    await app.close();
    return doc;
  }

  it('turns @Public() into security: optional, none, and required by default', async () => {
    const { paths } = await build();
    expect(paths['/things/{id}'].get?.security).toEqual([{}, { bearer: [] }]);
    expect(paths['/open'].get?.security).toEqual([]);
    expect(paths['/things'].post?.security).toEqual([{ bearer: [] }]);
  });

  it('lists generic and declared problems per status, repeatable and from the controller, and keeps default', async () => {
    const { paths } = await build();
    const codes = (status: string): unknown =>
      (
        paths['/things'].post?.responses[status] as {
          content: Record<string, { schema: { allOf: unknown[] } }>;
        }
      ).content['application/problem+json'].schema.allOf[1];
    expect(codes('409')).toMatchObject({
      properties: { code: { enum: ['state.concurrent_change', 'state.conflict', 'state.duplicate'] } },
    });
    expect(codes('413')).toMatchObject({ properties: { code: { enum: ['request.too_large'] } } });
    expect(codes('403')).toMatchObject({ properties: { code: { enum: ['access.forbidden'] } } });
    expect(paths['/things/{id}'].get?.responses['404']).toBeDefined();
    expect(paths['/things/{id}'].get?.responses['409']).toBeUndefined();
    expect(paths['/open'].get?.responses.default).toBeDefined();
    expect(JSON.stringify(paths)).not.toContain('x-convene-');
  });
});
