/**
 * Runs a bench's main and exits: 0 when it finished, 1 with the error printed when it
 * failed. Exiting explicitly also ends what a failed run left open (sockets, timers).
 */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
