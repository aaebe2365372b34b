import { Global, Module } from '@nestjs/common';
import { CentreCalendarSource } from '@gdtx/reporting';
import { TypeOrmModule } from '@nestjs/typeorm';
import { orgEntities } from './entities';
import { OrgService } from './org.service';
import { AdministrativeUnitResolver, CentreResolver } from './org.resolver';
import { CentreExportController } from './centre-export.controller';
import { readCentreCalendarFacts } from './calendar-facts.reader';

/**
 * Org's readers for services of other contexts that org itself depends on (reporting: org's export uses its
 * Excel helpers, so reporting cannot import org). Global, so the API and the worker provide it once.
 */
@Global()
@Module({ providers: [{ provide: CentreCalendarSource, useValue: { read: readCentreCalendarFacts } }], exports: [CentreCalendarSource] })
export class OrgReadersModule {}

/** Services of the org context (used by the API and the worker). */
@Module({ imports: [TypeOrmModule.forFeature(orgEntities), OrgReadersModule], providers: [OrgService], exports: [OrgService] })
export class OrgModule {}

/** The org context's GraphQL API (imported by apps/api only). */
@Module({ imports: [OrgModule], providers: [AdministrativeUnitResolver, CentreResolver], controllers: [CentreExportController] })
export class OrgApiModule {}
