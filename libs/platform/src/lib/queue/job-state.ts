import { registerEnumType } from '@nestjs/graphql';

export enum JobState {
  WAITING = 'WAITING',
  DELAYED = 'DELAYED',
  PRIORITIZED = 'PRIORITIZED',
  WAITING_CHILDREN = 'WAITING_CHILDREN',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(JobState, { name: 'JobState', description: 'Trạng thái công việc nền' });
