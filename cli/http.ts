import { setTimeout as sleep } from "node:timers/promises";
import { requestJson as request, RequestFailed, type RetryOptions } from "../lib/api/request-json";
import { CliError } from "./io";

export type { RetryOptions };

/** lib/api/request-json.ts's retrying request, its final failure a CliError the command prints. */
export async function requestJson(url: string, init: RequestInit, options: RetryOptions): Promise<unknown> {
  try {
    return await request(url, init, { sleep: (ms) => sleep(ms), ...options });
  } catch (error) {
    if (error instanceof RequestFailed) throw new CliError(error.message);
    throw error;
  }
}
