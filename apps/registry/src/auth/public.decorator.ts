import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'signet:isPublic';

/** Marks an operation as open to callers without a credential, on purpose. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
