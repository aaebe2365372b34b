import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsDateString, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import type { UnitLevel } from '@gdtx/domain';
import { UnitLevelEnum, DateScalar } from '@gdtx/platform';

// ------------------------------------------------------------------------------------------------------------
// literacyStatus
// ------------------------------------------------------------------------------------------------------------

@ObjectType({ description: 'Dân số và số người biết chữ của một độ tuổi (cộng trên các xã của đơn vị)' })
export class LiteracyBandRate {
  @Field({ description: '15_25, 15_35 hoặc 15_60' }) band: string;
  @Field(() => Int) population: number;
  @Field(() => Int) literateL1: number;
  @Field(() => Int) literateL2: number;
  @Field(() => Float, { nullable: true, description: 'Tỷ lệ biết chữ mức độ 1 (%)' }) rateL1Pct: number | null;
  @Field(() => Float, { nullable: true, description: 'Tỷ lệ biết chữ mức độ 2 (%)' }) rateL2Pct: number | null;
  @Field(() => Int, { description: 'Số xã có số liệu độ tuổi này' }) communes: number;
}

@ObjectType({ description: 'Một tiêu chí công nhận (mức độ 1 hoặc 2)' })
export class LiteracyCriterion {
  @Field(() => Int) level: number;
  @Field() met: boolean;
  @Field(() => Float, { description: 'Ngưỡng (%)' }) thresholdPct: number;
  @Field(() => Float, { nullable: true, description: 'Tỷ lệ đạt được (%): tỷ lệ biết chữ (xã) hoặc tỷ lệ đơn vị cấp dưới đạt (huyện, tỉnh)' }) valuePct: number | null;
  @Field(() => String, { nullable: true, description: 'Xã: độ tuổi xét' }) band: string | null;
  @Field(() => String, { nullable: true, description: 'Xã: STANDARD hoặc DBKK_ALTERNATIVE' }) basis: string | null;
  @Field(() => Int, { nullable: true, description: 'Tử số: người biết chữ (xã) hoặc số đơn vị đạt (huyện, tỉnh)' }) numerator: number | null;
  @Field(() => Int, { nullable: true }) denominator: number | null;
}

@ObjectType({ description: 'Chỉ số phái sinh về xóa mù chữ (domain §D1)' })
export class LiteracyIndicators {
  @Field(() => Int, { description: 'Số người 15–60 tuổi chưa biết chữ mức độ 1' }) belowL1: number;
  @Field(() => Int, { description: 'Số người 15–60 tuổi chưa đạt mức độ 2' }) belowL2: number;
  @Field(() => Int, { nullable: true, description: 'Số người mù chữ 15–60 tuổi (theo báo cáo; nếu thiếu thì bằng belowL1)' }) illiterate15to60: number | null;
  @Field(() => Int) learnersPhase1: number;
  @Field(() => Int) learnersPhase2: number;
  @Field(() => Int) newlyLiterate: number;
  @Field(() => Float, { nullable: true, description: 'Tỷ lệ huy động = học viên XMC / người mù chữ 15–60 (%)' }) mobilisationRatePct: number | null;
  @Field(() => Float, { nullable: true, description: 'Tỷ lệ hoàn thành chung = người mới biết chữ / học viên GĐ1+GĐ2 (%)' }) completionPct: number | null;
  @Field(() => Float, { nullable: true, description: 'Hoàn thành giai đoạn 1 (%): từ mẫu báo cáo phiên bản 2; null khi có báo cáo theo phiên bản 1' }) completionPhase1Pct: number | null;
  @Field(() => Float, { nullable: true, description: 'Hoàn thành giai đoạn 2 (%). [U] null, như trên' }) completionPhase2Pct: number | null;
  @Field(() => Float, { nullable: true, description: 'Tỷ lệ học viên là người DTTS (%): từ mẫu báo cáo phiên bản 2; null khi có báo cáo theo phiên bản 1' }) dttsLearnerSharePct: number | null;
  @Field(() => Float, { nullable: true, description: 'Tỷ lệ người DTTS trong dân số 15–60 tuổi (%), thay thế tạm cho chỉ số trên' }) dttsPopulationSharePct: number | null;
}

@ObjectType({ description: 'Kết quả của một đơn vị cấp dưới (để xem chi tiết)' })
export class LiteracyChildStatus {
  @Field(() => ID) unitId: string;
  @Field() name: string;
  @Field(() => UnitLevelEnum) unitLevel: UnitLevel;
  @Field(() => Int, { description: '0 chưa đạt, 1 mức độ 1, 2 mức độ 2' }) level: number;
  @Field() hasData: boolean;
  @Field() dbkk: boolean;
  @Field(() => [String]) reasons: string[];
  @Field(() => [String]) reasonsEn: string[];
  @Field(() => [LiteracyCriterion], { description: 'Các tiêu chí của đơn vị cấp dưới (như literacyStatus của đơn vị đó)' }) criteria: LiteracyCriterion[];
  @Field({ description: 'Như judgedAsUnit của literacyStatus đơn vị đó' }) judgedAsUnit: boolean;
  @Field(() => [LiteracyBandRate], { description: 'Tỷ lệ biết chữ theo độ tuổi, cộng trên các xã có số liệu của đơn vị cấp dưới' }) rates: LiteracyBandRate[];
  @Field(() => Int, { description: 'Số xã (cấp cơ sở) của đơn vị cấp dưới vào ngày asOf' }) communes: number;
  @Field(() => Int) communesWithData: number;
}

@ObjectType({ description: 'Số liệu không gắn được vào đơn vị hành chính của ngày xem' })
export class LiteracyUnmappedData {
  @Field(() => ID, { nullable: true }) centreId: string | null;
  @Field(() => ID, { nullable: true }) unitId: string | null;
  @Field() reason: string;
}

@ObjectType({ description: 'Ai công nhận đơn vị ở một mức độ XMC (theo bộ tham số của năm)' })
export class LiteracyRecogniser {
  @Field(() => Int, { description: 'Mức độ 1 hoặc 2' }) level: number;
  @Field({ description: 'Ví dụ: Chủ tịch UBND cấp tỉnh' }) byVi: string;
  @Field() byEn: string;
}

@ObjectType({ description: 'Một cấp trong chuỗi công nhận XMC (từ xã lên), với người công nhận từng mức độ' })
export class LiteracyRecognitionStep {
  @Field({ description: 'COMMUNE, DISTRICT hoặc PROVINCE' }) tier: string;
  @Field(() => [LiteracyRecogniser]) recognisedBy: LiteracyRecogniser[];
}

@ObjectType({ description: 'Tình trạng đạt chuẩn xóa mù chữ của một đơn vị (NĐ 20/2014, tham số theo phiên bản)' })
export class LiteracyStatus {
  @Field(() => ID) unitId: string;
  @Field() unitName: string;
  @Field(() => UnitLevelEnum) unitLevel: UnitLevel;
  @Field(() => Int, { description: 'Năm kết thúc của năm XMC (1/10/năm-1 – 30/9/năm)' }) year: number;
  @Field() periodCode: string;
  @Field(() => DateScalar, { description: 'Ngày của cơ cấu đơn vị hành chính dùng để tổng hợp' }) asOf: string;
  @Field({ description: 'Bộ tham số áp dụng: bộ có hiệu lực vào ngày kết thúc năm XMC (30/9), không phụ thuộc asOf' }) paramsVersion: string;
  @Field({ description: 'DISTRICT hoặc PROVINCE_DIRECT' }) aggregationTier: string;
  @Field(() => DateScalar, { description: 'Ngày kết thúc năm XMC (30/9): quy định và cơ cấu đơn vị dùng để xét công nhận là của ngày này' }) ruleDate: string;
  @Field(() => [LiteracyRecognitionStep], { description: 'Chuỗi công nhận theo quy định của năm (xã → huyện → tỉnh, hoặc xã → tỉnh từ năm XMC 2024-2025)' })
  recognitionChain: LiteracyRecognitionStep[];
  @Field(() => [LiteracyRecogniser], {
    description: 'Ai công nhận đơn vị này ở mức độ 1 và 2; rỗng khi đơn vị không phải một cấp công nhận của năm (ví dụ huyện sau cải cách) hoặc bộ tham số không nêu',
  })
  recognisedBy: LiteracyRecogniser[];
  @Field({ description: 'true khi đơn vị (theo ngày asOf) chính là đơn vị được xét công nhận vào ngày ruleDate; false khi chỉ là cách nhóm lại kết quả của các đơn vị khi đó' })
  judgedAsUnit: boolean;
  @Field(() => Int, { description: '0 chưa đạt, 1 mức độ 1, 2 mức độ 2' }) level: number;
  @Field() dbkk: boolean;
  @Field(() => String, { nullable: true, description: 'REGISTRY (danh mục xã ĐBKK) hoặc REPORT (theo báo cáo)' }) dbkkSource: string | null;
  @Field(() => [String], { description: 'Kết luận và lý do (tiếng Việt)' }) reasons: string[];
  @Field(() => [String]) reasonsEn: string[];
  @Field(() => [LiteracyCriterion]) criteria: LiteracyCriterion[];
  @Field(() => [LiteracyBandRate]) rates: LiteracyBandRate[];
  @Field(() => LiteracyIndicators) indicators: LiteracyIndicators;
  @Field(() => [LiteracyChildStatus]) children: LiteracyChildStatus[];
  @Field(() => Int, { description: 'Số xã (cấp cơ sở) trong đơn vị vào ngày asOf' }) communes: number;
  @Field(() => Int) communesWithData: number;
  @Field(() => Int) reports: number;
  @Field(() => [LiteracyUnmappedData]) unmappedData: LiteracyUnmappedData[];
  @Field({ description: 'Thời điểm tính (tính theo yêu cầu, từ các báo cáo người dùng được xem)' }) computedAt: string;
  @Field(() => String, { nullable: true, description: 'Thời điểm duyệt báo cáo mới nhất đã dùng' }) dataAcceptedUntil: string | null;
}

// ------------------------------------------------------------------------------------------------------------
// learningSocietyProgress
// ------------------------------------------------------------------------------------------------------------

@ObjectType({ description: 'Tiến độ một chỉ tiêu xã hội học tập' })
export class LearningSocietyIndicator {
  @Field({ description: 'Mã chỉ tiêu (LEARNING_FAMILY, …)' }) code: string;
  @Field(() => String, { nullable: true, description: 'Dòng mô hình trong báo cáo TTHTCĐ' }) model: string | null;
  @Field() nameVi: string;
  @Field() nameEn: string;
  @Field(() => Int) recognised: number;
  @Field(() => Int) eligible: number;
  @Field(() => Float, { nullable: true }) ratePct: number | null;
  @Field(() => Float, { nullable: true }) targetPct: number | null;
  @Field(() => Int, { nullable: true }) targetYear: number | null;
  @Field(() => Float, { nullable: true, description: 'Số điểm phần trăm còn thiếu' }) gapPct: number | null;
  @Field({ description: 'MET, ON_TRACK, BEHIND, NO_DATA hoặc NO_TARGET' }) status: string;
  @Field(() => String, { nullable: true }) legalBasis: string | null;
}

@ObjectType()
export class LearningSocietyProgress {
  @Field(() => ID) unitId: string;
  @Field() unitName: string;
  @Field(() => Int) year: number;
  @Field(() => [String], { description: 'Kỳ báo cáo đã dùng' }) periodCodes: string[];
  @Field(() => DateScalar) asOf: string;
  @Field(() => Int, { description: 'Số TTHTCĐ có báo cáo được duyệt' }) reportingCentres: number;
  @Field(() => [LearningSocietyIndicator]) indicators: LearningSocietyIndicator[];
  @Field() computedAt: string;
}

// ------------------------------------------------------------------------------------------------------------
// Parameters
// ------------------------------------------------------------------------------------------------------------

@ObjectType({ description: 'Bộ tham số công nhận XMC (có hiệu lực theo thời gian)' })
export class LiteracyParameterSetDto {
  @Field() version: string;
  @Field(() => DateScalar) validFrom: string;
  @Field(() => DateScalar, { nullable: true }) validTo: string | null;
  @Field({ description: 'NATIONAL (kèm sản phẩm) hoặc PROVINCE (Sở điều chỉnh)' }) source: string;
  @Field(() => [String]) legalBasis: string[];
  @Field({ description: 'Toàn bộ tham số (JSON): ngưỡng, độ tuổi, cấp tổng hợp' }) definitionJson: string;
}

@InputType()
export class SetLiteracyParametersInput {
  @Field({ description: 'Toàn bộ bộ tham số dạng JSON (cấu trúc như definitionJson); cùng version với bộ quốc gia thì thay thế bộ đó cho tỉnh' })
  @IsString() @MaxLength(20000) definitionJson: string;
}

@ObjectType()
export class CommuneDbkkDto {
  @Field(() => ID) unitId: string;
  @Field(() => DateScalar) validFrom: string;
  @Field(() => DateScalar, { nullable: true }) validTo: string | null;
  @Field(() => String, { nullable: true }) decisionRef: string | null;
}

@InputType()
export class SetCommuneDbkkInput {
  @Field(() => ID) @IsUUID() unitId: string;
  @Field(() => DateScalar) @IsDateString() validFrom: string;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @IsDateString() validTo?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(300) decisionRef?: string | null;
}

@ObjectType()
export class LearningSocietyTargetDto {
  @Field() code: string;
  @Field(() => Int) year: number;
  @Field(() => Float) targetPct: number;
  @Field() nameVi: string;
  @Field() nameEn: string;
  @Field() legalBasis: string;
  @Field() source: string;
}

@InputType()
export class SetLearningSocietyTargetInput {
  @Field() @Matches(/^[A-Z][A-Z0-9_]*$/) @MaxLength(60) code: string;
  @Field(() => Int) @IsInt() @Min(2000) @Max(2100) year: number;
  @Field(() => Float) @IsNumber() @Min(0.000001) @Max(100) targetPct: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 300) nameVi?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 300) nameEn?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 500) legalBasis?: string;
}

