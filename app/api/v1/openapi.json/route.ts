import { apiRoute } from "@/app/_lib/api";
import { openApiDocument } from "@/lib/api/openapi";

export const GET = apiRoute(async () => Response.json(openApiDocument()));
