import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { LoginThrottleService } from './auth/login-throttle.service';
import { assignRequestId } from './common/logging';
import { addProblemResponses } from './common/openapi';
import { countRefusedBodies, verifyJsonShape } from './common/validation/body-guard';
import { BodyValidationPipe } from './common/validation/body-validation.pipe';
import { refuseUnsupportedBodies } from './common/validation/media-type';
import { AppConfig } from './config/app-config';
import { DiscussionIoAdapter } from './discussion/discussion-io.adapter';

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
  const document = addProblemResponses(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Convene API')
        .setDescription(
          'Multi-stakeholder working groups: organisations, groups, meetings, documents, discussion and steering. ' +
            'Errors are RFC 9457 problem+json; lists use cursor pagination ({ items, nextCursor }).',
        )
        .setVersion('0.1.0')
        .addBearerAuth()
        .addTag(
          'uploads',
          'Resumable uploads, tus 1.0 (https://tus.io/protocols/resumable-upload): create, HEAD for the offset, PATCH from ' +
            'it, DELETE. Every request needs `Tus-Resumable: 1.0.0` and a bearer token; a finished upload becomes a ' +
            'document version with `{ uploadId }`. See docs/uploads.md.',
        )
        .build(),
    ),
  );
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'Convene API',
  });
  return app;
}
