import { Field, ObjectType } from '@nestjs/graphql';
import type { AgreementListQuery } from '@signet/domain';
import { AgreementObject } from './agreement.object';

@ObjectType('PageInfo')
export class PageInfoObject {
  @Field() hasNextPage!: boolean;
  @Field({ nullable: true, description: 'Pass as `after` for the next page' }) endCursor?: string;
}

@ObjectType('AgreementEdge')
export class AgreementEdgeObject {
  @Field() cursor!: string;
  @Field(() => AgreementObject) node!: AgreementObject;
}

/** A Relay connection, newest first. `totalCount` is counted only when asked for. */
@ObjectType('AgreementConnection')
export class AgreementConnectionObject {
  @Field(() => [AgreementEdgeObject]) edges!: AgreementEdgeObject[];
  @Field(() => PageInfoObject) pageInfo!: PageInfoObject;
  /** The scoped query behind this page, kept for totalCount; not part of the schema. */
  query!: AgreementListQuery;
}
