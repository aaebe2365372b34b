import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CentreStatus, CentreType, LicenceKind, Ownership, UnitLevel } from '@gdtx/domain';

// Entities are the org context's private persistence model; they never leave the library (index.ts exports
// GraphQL DTOs and services, not these).

const date = { type: 'date' } as const;

@Entity('administrative_unit')
export class AdministrativeUnitEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'province_id' }) provinceId: string;
  @Column('uuid', { name: 'parent_id', nullable: true }) parentId: string | null;
  @Column('text') level: UnitLevel;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('text') path: string;
  @Column({ ...date, name: 'valid_from' }) validFrom: string;
  @Column({ ...date, name: 'valid_to', nullable: true }) validTo: string | null;
}

@Entity('centre')
export class CentreEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'province_id' }) provinceId: string;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('text', { name: 'search_text' }) searchText: string;
  @Column('text') type: CentreType;
  @Column('text') ownership: Ownership;
  @Column('uuid', { name: 'admin_unit_id' }) adminUnitId: string;
  @Column('uuid', { name: 'supervising_unit_id' }) supervisingUnitId: string;
  @Column('text', { name: 'unit_path' }) unitPath: string;
  @Column('text', { name: 'supervising_unit_path' }) supervisingUnitPath: string;
  @Column('text') status: CentreStatus;
  @Column({ ...date, name: 'status_since' }) statusSince: string;
  @Column({ ...date, name: 'established_on', nullable: true }) establishedOn: string | null;
  @Column('text', { nullable: true }) address: string | null;
  @Column('text', { nullable: true }) phone: string | null;
  @Column('text', { nullable: true }) email: string | null;
  @Column('integer') version: number;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('licence_record')
export class LicenceRecordEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'province_id' }) provinceId: string;
  @Column('uuid', { name: 'centre_id' }) centreId: string;
  @Column('text') kind: LicenceKind;
  @Column('text', { name: 'decision_number' }) decisionNumber: string;
  @Column({ ...date, name: 'decided_on' }) decidedOn: string;
  @Column('text') issuer: string;
  @Column('text', { name: 'holder_name', nullable: true }) holderName: string | null;
  @Column({ ...date, name: 'valid_from' }) validFrom: string;
  @Column({ ...date, name: 'valid_to', nullable: true }) validTo: string | null;
  @Column('text') state: 'IN_FORCE' | 'SUPERSEDED' | 'REVOKED';
  @Column('text', { nullable: true }) note: string | null;
  @Column('uuid', { name: 'recorded_by', nullable: true }) recordedBy: string | null;
  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' }) recordedAt: Date;
}

@Entity('centre_status_history')
export class CentreStatusHistoryEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'province_id' }) provinceId: string;
  @Column('uuid', { name: 'centre_id' }) centreId: string;
  @Column('text') status: CentreStatus;
  @Column({ ...date, name: 'valid_from' }) validFrom: string;
  @Column({ ...date, name: 'valid_to', nullable: true }) validTo: string | null;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('text', { name: 'decision_ref', nullable: true }) decisionRef: string | null;
  @Column('uuid', { name: 'recorded_by', nullable: true }) recordedBy: string | null;
  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' }) recordedAt: Date;
}

export const orgEntities = [AdministrativeUnitEntity, CentreEntity, LicenceRecordEntity, CentreStatusHistoryEntity];
