import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { Roles } from '@gdtx/domain';
import type { Role } from '@gdtx/domain';
import { Connection, RoleEnum } from '@gdtx/platform';

@InputType()
export class LoginInput {
  @Field() @IsString() @Length(1, 100) username: string;
  @Field() @IsString() @Length(1, 200) password: string;
  @Field({ nullable: true, description: 'Mã xác thực 6 số (khi tài khoản đã bật xác thực hai lớp)' })
  @IsOptional() @Matches(/^\d{6}$/, { message: 'totpCode: mã xác thực gồm 6 chữ số' }) totpCode?: string;
}

@ObjectType({ description: 'Người dùng hiện tại' })
export class UserInfo {
  @Field(() => ID) id: string;
  @Field() username: string;
  @Field() fullName: string;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field(() => RoleEnum) role: Role;
  @Field(() => ID) provinceId: string;
  @Field(() => ID, { nullable: true }) unitId: string | null;
  @Field(() => ID, { nullable: true }) centreId: string | null;
  @Field({ description: 'Phạm vi dữ liệu: centre | unit | area | province' }) scope: string;
  @Field(() => [String]) permissions: string[];
  @Field() active: boolean;
  @Field(() => String, { nullable: true, description: 'Tên trung tâm hoặc đơn vị phụ trách' }) scopeName: string | null;
  @Field(() => ID, { nullable: true, description: 'Khu vực giám sát (vai trò SUPERVISOR theo khu vực)' }) areaId: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Ngày phạm vi phụ trách kết thúc (ví dụ Phòng GDĐT huyện giải thể 30/6/2025): chỉ còn quyền xem lịch sử',
  })
  scopeEndedOn: string | null;
  @Field(() => String, { description: 'Ngôn ngữ người dùng đã chọn (vi | en): giao diện và thư tổng hợp' }) language: 'vi' | 'en';
}

@ObjectType()
export class AuthPayload {
  @Field() accessToken: string;
  @Field() refreshToken: string;
  @Field(() => Int, { description: 'Thời hạn access token (giây)' }) expiresIn: number;
  @Field(() => UserInfo) user: UserInfo;
  @Field({ description: 'Sở yêu cầu tài khoản này bật xác thực hai lớp trước khi làm việc khác' }) totpEnrolmentRequired: boolean;
}

@ObjectType({ description: 'Xác thực hai lớp (TOTP) của tài khoản hiện tại' })
export class TotpStatus {
  @Field({ description: 'Đã bật' }) enabled: boolean;
  @Field({ description: 'Đã lấy mã QR, chờ xác nhận bằng một mã' }) pending: boolean;
  @Field({ description: 'Sở yêu cầu bật cho tài khoản quản trị này' }) requiredByProvince: boolean;
}

@ObjectType({ description: 'Thiết lập xác thực hai lớp: quét mã QR bằng ứng dụng xác thực, rồi xác nhận bằng một mã' })
export class TotpEnrolment {
  @Field({ description: 'Khoá bí mật (base32), để nhập tay nếu không quét được mã QR' }) secret: string;
  @Field() otpauthUri: string;
  @Field({ description: 'Mã QR dạng SVG' }) qrSvg: string;
}

@ObjectType({ description: 'Cài đặt bảo mật của Sở' })
export class ProvinceSecurity {
  @Field({ description: 'Bắt buộc xác thực hai lớp cho tài khoản quản trị (SYSTEM_ADMIN, SO_ADMIN)' }) totpRequiredForAdmins: boolean;
}

@InputType()
export class TotpCodeInput {
  @Field() @Matches(/^\d{6}$/, { message: 'code: mã xác thực gồm 6 chữ số' }) code: string;
}

@ObjectType()
export class UserConnection extends Connection(UserInfo, 'User') {}

const USERNAME = /^[a-z0-9._-]{3,50}$/;

@InputType()
export class CreateUserInput {
  @Field() @Matches(USERNAME, { message: 'username: 3–50 ký tự a-z, 0-9, dấu chấm, gạch' }) username: string;
  @Field() @IsString() @Length(10, 200, { message: 'password: mật khẩu phải có từ 10 ký tự' }) password: string;
  @Field() @IsString() @Length(2, 200) fullName: string;
  @Field({ nullable: true }) @IsOptional() @IsEmail() @MaxLength(200) email?: string;
  @Field(() => RoleEnum) @IsIn(Roles) role: Role;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() unitId?: string;
  @Field(() => ID, { nullable: true, description: 'Khu vực giám sát (SUPERVISOR: chọn đơn vị hoặc khu vực)' }) @IsOptional() @IsUUID() areaId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() centreId?: string;
}

@InputType()
export class AssignRoleInput {
  @Field(() => ID) @IsUUID() userId: string;
  @Field(() => RoleEnum) @IsIn(Roles) role: Role;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() unitId?: string;
  @Field(() => ID, { nullable: true, description: 'Khu vực giám sát (SUPERVISOR: chọn đơn vị hoặc khu vực)' }) @IsOptional() @IsUUID() areaId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() centreId?: string;
}

@InputType()
export class UpdateUserInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(2, 200) fullName?: string;
  @Field({ nullable: true }) @IsOptional() @IsEmail() @MaxLength(200) email?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() active?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(10, 200) password?: string;
}

/** The login and permission events an admin reads (audit_event, issue 13): who, what, when, from where. */
export const SECURITY_EVENT_ACTIONS = [
  'LOGIN', 'LOGIN_FAILED', 'LOGIN_TOTP_FAILED', 'LOGIN_THROTTLED', 'USER_CREATED', 'USER_UPDATED', 'ROLE_ASSIGNED',
  'TOTP_ENABLED', 'TOTP_DISABLED', 'TOTP_RESET', 'TOTP_POLICY_CHANGED',
] as const;

@ObjectType({ description: 'Sự kiện đăng nhập và phân quyền' })
export class SecurityEvent {
  @Field(() => ID) id: string;
  @Field() at: Date;
  @Field({ description: SECURITY_EVENT_ACTIONS.join(' | ') }) action: string;
  @Field(() => String, { nullable: true, description: 'Tài khoản được nói tới (người đăng nhập, người được sửa)' }) username: string | null;
  @Field(() => String, { nullable: true, description: 'Người thực hiện (khi khác tài khoản được nói tới)' }) actorName: string | null;
  @Field(() => String, { nullable: true, description: 'Địa chỉ mạng (đăng nhập)' }) address: string | null;
  @Field(() => RoleEnum, { nullable: true, description: 'Vai trò được gán' }) role: Role | null;
  @Field(() => Int, { nullable: true, description: 'Số lần sai liên tiếp (đăng nhập sai)' }) failures: number | null;
}
