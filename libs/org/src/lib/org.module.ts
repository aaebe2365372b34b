import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { orgEntities } from './entities';
import { OrgService } from './org.service';
import { AdministrativeUnitResolver, CentreResolver } from './org.resolver';
import { SupervisoryAreaResolver, SupervisoryAreaService } from './supervisory-areas';
import { ReorganisationService } from './reorganisation.service';
import { ReorganisationResolver } from './reorganisation.resolver';
import { ApplyDueProvinceMergersJob, ProvinceMergerResolver, ProvinceMergerService } from './province-merger.service';
import { BoundaryController, BoundaryResolver, BoundaryService } from './boundary.service';

/**
 * Services of the org context (used by the API and the worker). Org's readers for the other contexts are plain
 * functions (org.readers.ts, calendar-facts.reader.ts, readers/): org depends on no feature lib, so every
 * context, reporting included, imports them from @gdtx/org with its own transaction.
 */
@Module({ imports: [TypeOrmModule.forFeature(orgEntities)], providers: [OrgService, SupervisoryAreaService, ReorganisationService, ProvinceMergerService, ApplyDueProvinceMergersJob, BoundaryService], exports: [OrgService, SupervisoryAreaService, ReorganisationService, ProvinceMergerService, BoundaryService] })
export class OrgModule {}

/** The org context's GraphQL API (imported by apps/api only). */
@Module({ imports: [OrgModule], providers: [AdministrativeUnitResolver, CentreResolver, SupervisoryAreaResolver, ReorganisationResolver, ProvinceMergerResolver, BoundaryResolver], controllers: [BoundaryController] })
export class OrgApiModule {}
