import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { RateLimitModule } from '../common/rate-limit/rate-limit.module';
import { AppConfig } from '../config/app-config';
import { Organization } from '../organizations/entities/organization.entity';
import { User } from '../users/entities/user.entity';
import { AuthSession } from './entities/auth-session.entity';
import { jwtSigningKey } from './jwt-key';
import { RefreshToken } from './entities/refresh-token.entity';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { AuthSessionsService } from './auth-sessions.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { LoginThrottleService } from './login-throttle.service';
import { MeController } from './me.controller';
import { MeService } from './me.service';
import { TokensService } from './tokens.service';

@Module({
  imports: [
    MikroOrmModule.forFeature([User, Organization, AuthSession, RefreshToken]),
    PassportModule,
    RateLimitModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: jwtSigningKey(config.requireJwtSecret()),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  controllers: [AuthController, MeController],
  providers: [
    AuthService,
    AuthSessionsService,
    TokensService,
    LoginThrottleService,
    MeService,
    JwtStrategy,
    AdminBootstrapService,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
  exports: [AuthSessionsService, TokensService, MeService, AdminBootstrapService],
})
export class AuthModule {}
