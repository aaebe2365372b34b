import { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Errors } from '../errors/app-error';

/** Cursor connections (architecture §6). Cursors are opaque; today they encode an offset. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export const MAX_PAGE_SIZE = 200;

export function decodePage(args: PageArgs, defaultSize = 50): { limit: number; offset: number } {
  const first = args.first ?? defaultSize;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw Errors.badInput(`Số bản ghi mỗi trang phải từ 1 đến ${MAX_PAGE_SIZE}`, `first must be between 1 and ${MAX_PAGE_SIZE}`, { field: 'first' });
  }
  let offset = 0;
  if (args.after) {
    const decoded = Buffer.from(args.after, 'base64url').toString('utf8');
    const m = /^o:(\d{1,9})$/.exec(decoded);
    if (!m) throw Errors.badInput('Con trỏ phân trang không hợp lệ', 'Malformed cursor', { field: 'after' });
    offset = Number(m[1]) + 1;
  }
  return { limit: first, offset };
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('base64url');
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

export function toConnection<T>(rows: T[], totalCount: number, offset: number): ConnectionShape<T> {
  const edges = rows.map((node, i) => ({ node, cursor: encodeCursor(offset + i) }));
  return {
    edges,
    nodes: rows,
    totalCount,
    pageInfo: { hasNextPage: offset + rows.length < totalCount, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
  };
}

export function Connection<T>(classRef: Type<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String) cursor: string;
    @Field(() => classRef) node: T;
  }

  @ObjectType(`${name}Connection`, { isAbstract: true })
  abstract class ConnectionType {
    @Field(() => [EdgeType]) edges: EdgeType[];
    @Field(() => [classRef]) nodes: T[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int) totalCount: number;
  }
  return ConnectionType;
}
