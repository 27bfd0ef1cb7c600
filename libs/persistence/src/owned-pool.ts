import pg, { type Pool, type PoolConfig } from 'pg';
import type { DataSource } from 'typeorm';

/** The pool a driver made, once TypeORM has asked it for one. */
interface Owner {
  pool: Pool | null;
}

const OWNERS = new WeakMap<object, Owner>();

/**
 * The `pg` module as TypeORM's driver, except that the pool it makes is kept here: the
 * statements that matter for speed (prepared statements, the deposit's transaction) run on
 * that same pool, one pool per database, without reaching into TypeORM's internals.
 */
export function ownedPoolDriver(): object {
  const owner: Owner = { pool: null };
  function OwnedPool(config: PoolConfig): Pool {
    owner.pool = new pg.Pool(config);
    return owner.pool;
  }
  const driver = { ...pg, Pool: OwnedPool };
  OWNERS.set(driver, owner);
  return driver;
}

/** The pool behind a DataSource made from `typeormOptions`, once it is initialised. */
export function ownedPool(dataSource: DataSource): Pool {
  const driver = (dataSource.options as { driver?: object }).driver;
  const pool = driver ? OWNERS.get(driver)?.pool : undefined;
  if (!pool) throw new Error('this DataSource was not made from typeormOptions, or is not initialised');
  return pool;
}
