#!/usr/bin/env node
// The CLI is TypeScript like the rest of lrbench; tsx compiles it on the fly so `npx lrbench` needs no build step.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
