/**
 * `npm run emulator` / `node test/emulator/cli.ts [--port 8787]`: the SOAP Note API emulator on
 * 127.0.0.1. Prints its URL and nothing else about requests (their bodies are health data in real life).
 */
import { startEmulator } from './server.ts';

function portArg(argv: string[]): number {
  const i = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
  if (i < 0) return 8787;
  const arg = argv[i] ?? '';
  const raw = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid --port: ${raw ?? '(missing)'}`);
    process.exit(2);
  }
  return port;
}

const emulator = await startEmulator({ port: portArg(process.argv.slice(2)) });
console.log(`SOAP Note API emulator listening on ${emulator.url}`);
console.log(
  'Accepts any key shaped like snapi_sk_test_XXXXXXXX or snapi_sk_live_XXXXXXXX (8+ letters, digits or _); test controls under /__emulator/.',
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(() => process.exit(0));
  });
}
