import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { Roles } from '@gdtx/domain';
import type { Role } from '@gdtx/domain';
import { Connection, RoleEnum } from '@gdtx/platform';

@InputType()
export class LoginInput {
  @Field() @IsString() @Length(1, 100) username: string;
  @Field() @IsString() @Length(1, 200) password: string;
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
}

@ObjectType()
export class AuthPayload {
  @Field() accessToken: string;
  @Field() refreshToken: string;
  @Field(() => Int, { description: 'Thời hạn access token (giây)' }) expiresIn: number;
  @Field(() => UserInfo) user: UserInfo;
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
