import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import type { Role } from '@gdtx/domain';
import { APP_CONFIG, AppConfig, Errors } from '@gdtx/platform';

export interface AccessClaims {
  sub: string;
  prov: string;
  role: Role;
  tv: number;
}

/**
 * Short-lived signed access tokens (HS256) and opaque refresh tokens stored only as SHA-256 hashes.
 * See docs/adr/0003-tokens.md.
 */
@Injectable()
export class TokenService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  signAccess(claims: AccessClaims): string {
    return jwt.sign(claims, this.config.JWT_SECRET, {
      algorithm: 'HS256',
      expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
      issuer: 'gdtx-monitor',
      audience: 'gdtx-api',
    });
  }

  verifyAccess(token: string): AccessClaims {
    try {
      const decoded = jwt.verify(token, this.config.JWT_SECRET, { algorithms: ['HS256'], issuer: 'gdtx-monitor', audience: 'gdtx-api' });
      if (typeof decoded !== 'object' || typeof decoded['sub'] !== 'string') throw new Error('bad claims');
      return decoded as unknown as AccessClaims;
    } catch (e) {
      if (e instanceof jwt.TokenExpiredError) {
        throw Errors.unauthenticated('Access token expired', 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại');
      }
      throw Errors.unauthenticated('Invalid access token', 'Mã xác thực không hợp lệ, vui lòng đăng nhập lại');
    }
  }

  newRefreshToken(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: hashToken(token) };
  }

  get accessTtlSeconds(): number {
    return this.config.JWT_ACCESS_TTL_SECONDS;
  }

  get refreshTtlDays(): number {
    return this.config.REFRESH_TTL_DAYS;
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
