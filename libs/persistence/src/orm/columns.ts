import type { ColumnOptions } from 'typeorm';

/** A 32-byte value as 0x-prefixed lower-case hex: ids, hashes, keys. */
export const HEX32 = { type: 'char', length: 66 } as const;
export const HEX32_NULLABLE: ColumnOptions = { ...HEX32, nullable: true };
/** Time columns are always timestamptz, read back as Date. */
export const TIMESTAMP = { type: 'timestamptz' } as const;
export const TIMESTAMP_NULLABLE: ColumnOptions = { type: 'timestamptz', nullable: true };
/** Money as an exact decimal; TypeORM hands it over as a string, never a float. */
export const AMOUNT_NULLABLE: ColumnOptions = { type: 'numeric', precision: 38, scale: 6, nullable: true };
/** bigint columns are read as strings by pg; these fit in a JS number (block heights, sequences). */
export const BIG_NUMBER = {
  to: (value: number | null | undefined): number | null | undefined => value,
  from: (value: string | null): number | null => (value === null ? null : Number(value)),
};
