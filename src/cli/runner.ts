// The bundle's entry: kept apart from cli.ts so tests can import main() without running it.
import { runCli } from './cli.js';

await runCli(process.argv.slice(2));
