import { apiRoute } from "@/app/_lib/api";
import { listTasks } from "@/db/queries/tasks";

export const GET = apiRoute(async ({ db }) => Response.json({ tasks: await listTasks(db) }));
