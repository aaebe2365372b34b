import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '@gdtx/platform';
import { NotificationKinds } from './notify-core';
import type { NotificationKind } from './notify-core';

export const NotificationKindEnum = Object.fromEntries(NotificationKinds.map((k) => [k, k])) as Record<NotificationKind, NotificationKind>;
registerEnumType(NotificationKindEnum, {
  name: 'NotificationKind',
  description: 'Loại thông báo: sắp đến hạn, quá hạn, báo cáo bị trả lại, đã nộp (cho người duyệt), đã được chấp nhận, quyết định sắp/đã hết hiệu lực, phát hiện vấn đề tuân thủ',
});

@ObjectType({ description: 'Thông báo trong ứng dụng (mỗi sự kiện chỉ báo một lần cho mỗi người)' })
export class Notification {
  @Field(() => ID) id: string;
  @Field(() => NotificationKindEnum) kind: NotificationKind;
  @Field() titleVi: string;
  @Field() bodyVi: string;
  @Field(() => String, { nullable: true, description: 'Tiêu đề tiếng Anh (tên trung tâm, đơn vị giữ nguyên); null với thông báo cũ' }) titleEn: string | null;
  @Field(() => String, { nullable: true, description: 'Nội dung tiếng Anh; null với thông báo cũ' }) bodyEn: string | null;
  @Field(() => String, { nullable: true }) link: string | null;
  @Field(() => ID, { nullable: true }) centreId: string | null;
  @Field() createdAt: string;
  @Field(() => String, { nullable: true }) readAt: string | null;
  @Field({ description: 'Trạng thái gửi thư: NONE, PENDING, SENT, FAILED' }) emailStatus: string;
}

@ObjectType()
export class NotificationConnection extends Connection(Notification, 'Notification') {}
