import { Field, InputType } from '@nestjs/graphql';

@InputType('PolicyPackFileInput', { description: 'One file of a pack directory, as UTF-8 text' })
export class PolicyPackFileInput {
  @Field({ description: 'pack.json, tests.json, README.md or NAME.cedar' }) name!: string;
  @Field() text!: string;
}
