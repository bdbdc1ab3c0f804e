import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { LoginThrottleService } from './auth/login-throttle.service';
import { assignRequestId } from './common/logging';
import { BEARER, finishOpenApiDocument } from './common/openapi/document';
import { countRefusedBodies, verifyJsonShape } from './common/validation/body-guard';
import { BodyValidationPipe } from './common/validation/body-validation.pipe';
import { refuseUnsupportedBodies } from './common/validation/media-type';
import { AppConfig } from './config/app-config';
import { DiscussionIoAdapter } from './discussion/discussion-io.adapter';
import { CALENDAR_TOKEN_SCHEME } from './meetings/dto/calendar.dto';

export const JSON_BODY_LIMIT = '1mb';

/** Everything about the HTTP surface that is not a module: shared by the server and the e2e tests. */
export function configureApp(app: NestExpressApplication, config: AppConfig): INestApplication {
  app.useLogger(app.get(Logger));
  // Before everything that may answer: every response, a body parser's refusal included, has its request id.
  app.use(assignRequestId);
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
        },
      },
    }),
  );
  app.enableCors({
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    credentials: true,
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'ETag', 'Content-Disposition'],
  });
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT, verify: verifyJsonShape });
  app.useBodyParser('urlencoded', { limit: JSON_BODY_LIMIT, extended: false });
  const throttle = app.get(LoginThrottleService);
  app.use(countRefusedBodies((req) => throttle.registerRefusedBody(req.ip ?? 'unknown')));
  app.use(refuseUnsupportedBodies);
  app.useGlobalPipes(new BodyValidationPipe());
  app.useWebSocketAdapter(new DiscussionIoAdapter(app, config));
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'Convene API',
  });
  return app;
}

/** Every `@ApiTags` name with what it groups; a new context adds its tag here (Redocly: tag-description). */
const TAGS: Record<string, string> = {
  auth: 'Registration, login and sessions',
  me: "The caller's own account and views across groups",
  users: 'User administration (admins)',
  organizations: 'Organisations people belong to',
  'working-groups': 'Working groups: the directory, their lifecycle and activity',
  membership: 'Who belongs to a group, and in which role',
  meetings: 'Meetings, RSVPs, agendas, minutes, action items and calendars',
  discussion: 'Channels and message history (live messaging is over socket.io)',
  documents: 'Shared documents: immutable versions, streamed uploads and safe downloads',
  uploads:
    'Resumable uploads, tus 1.0 (https://tus.io/protocols/resumable-upload): create, HEAD for the offset, PATCH from ' +
    'it, DELETE. Every request needs `Tus-Resumable: 1.0.0` and a bearer token; a finished upload becomes a ' +
    'document version with `{ uploadId }`. See docs/uploads.md.',
  health: 'Liveness and readiness probes',
};

/**
 * The OpenAPI contract of every controller, finished by the shared rules (security, problem responses, schema
 * repairs: common/openapi). Needs no running provider, so `scripts/openapi-document.ts` builds it from an app in
 * preview mode, without a database.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Convene API')
    .setDescription(
      'Multi-stakeholder working groups: organisations, groups, meetings, documents, discussion and steering. ' +
        'Errors are RFC 9457 problem+json with a stable `code` (docs/error-codes.md); lists use cursor pagination ' +
        '({ items, nextCursor }).',
    )
    .setVersion('0.1.0')
    // No public base URL is configured: the API is served from the origin the document was read from.
    .addServer('/');
  builder
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER)
    .addSecurity(CALENDAR_TOKEN_SCHEME, {
      type: 'apiKey',
      in: 'query',
      name: 'token',
      description:
        'a personal calendar token (POST /me/calendar-token), for calendar apps that cannot send headers',
    });
  for (const [name, description] of Object.entries(TAGS)) builder.addTag(name, description);
  return finishOpenApiDocument(SwaggerModule.createDocument(app, builder.build()));
}
