import type { CliIo } from "../../cli/io";
import { main } from "../../cli/main";

/** Runs the lrbench CLI in-process and collects what it printed and its exit code. */
export async function runCli(argv: string[], stdin = ""): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: async () => stdin };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
