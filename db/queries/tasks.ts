import { asc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { tasks, type Task } from "../schema";

export async function listTasks(db: Database): Promise<Task[]> {
  return db.select().from(tasks).orderBy(asc(tasks.id));
}

export async function getTask(db: Database, id: string): Promise<Task | null> {
  const [row] = await db.select().from(tasks).where(eq(tasks.id, id)).limit(1);
  return row ?? null;
}
