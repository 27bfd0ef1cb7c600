/** What the health check and the start-up checks ask of the database itself. */
export abstract class DatabaseHealth {
  /** Resolves when the database answers a trivial statement. */
  abstract ping(): Promise<void>;
  /** Whether PostgreSQL vacuums by itself: its `autovacuum` setting, `on` or `off`. */
  abstract autovacuumSetting(): Promise<string>;
}
