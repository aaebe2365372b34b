import { registerEnumType } from '@nestjs/graphql';
import {
  CentreStatuses, CentreTypes, LicenceKinds, Ownerships, PeriodTypes, Roles, SubmissionStatuses, UnitLevels,
} from '@gdtx/domain';

/** Shared domain enums, registered once for GraphQL (the domain lib stays free of server imports). */
function asEnum<T extends readonly string[]>(values: T): { [K in T[number]]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };
}

export const CentreTypeEnum = asEnum(CentreTypes);
export const CentreStatusEnum = asEnum(CentreStatuses);
export const OwnershipEnum = asEnum(Ownerships);
export const UnitLevelEnum = asEnum(UnitLevels);
export const LicenceKindEnum = asEnum(LicenceKinds);
export const RoleEnum = asEnum(Roles);
export const PeriodTypeEnum = asEnum(PeriodTypes);
export const SubmissionStatusEnum = asEnum(SubmissionStatuses);

registerEnumType(CentreTypeEnum, { name: 'CentreType', description: 'Loại trung tâm' });
registerEnumType(CentreStatusEnum, { name: 'CentreStatus', description: 'Trạng thái hoạt động' });
registerEnumType(OwnershipEnum, { name: 'Ownership', description: 'Công lập / tư thục' });
registerEnumType(UnitLevelEnum, { name: 'UnitLevel', description: 'Cấp đơn vị hành chính' });
registerEnumType(LicenceKindEnum, { name: 'LicenceKind', description: 'Loại quyết định' });
registerEnumType(RoleEnum, { name: 'Role', description: 'Vai trò người dùng' });
registerEnumType(PeriodTypeEnum, { name: 'PeriodType', description: 'Loại kỳ báo cáo' });
registerEnumType(SubmissionStatusEnum, { name: 'SubmissionStatus', description: 'Trạng thái báo cáo' });
