import { Module } from '@nestjs/common';
import { LiteracyService } from './literacy.service';
import { LiteracyParametersService } from './literacy-parameters.service';
import { LiteracyResolver } from './literacy.resolver';

/**
 * Services of the literacy context. Recognition is computed on request (docs/literacy.md "Computed on
 * request"), so the worker has no literacy job; importing this module there is harmless and keeps the door open.
 */
@Module({
  providers: [LiteracyService, LiteracyParametersService],
  exports: [LiteracyService, LiteracyParametersService],
})
export class LiteracyModule {}

/** The literacy context's GraphQL API (imported by apps/api only). */
@Module({ imports: [LiteracyModule], providers: [LiteracyResolver] })
export class LiteracyApiModule {}
