import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { ScheduleDefinition } from "../lib/schedules";
import type { TaskDefinition, TaskTier } from "../lib/tasks/catalog";

export const userRole = pgEnum("user_role", ["visitor", "researcher", "admin"]);
export const visibility = pgEnum("visibility", ["public", "unlisted", "private"]);

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  name: text("name"),
  role: userRole("role").notNull().default("researcher"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const tasks = pgTable("tasks", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  summary: text("summary").notNull(),
  /** The whole contract of the task as lib/tasks describes it, so pages need no second source. */
  definition: jsonb("definition").$type<TaskDefinition>().notNull(),
  tiers: jsonb("tiers").$type<TaskTier[]>().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const schedules = pgTable(
  "schedules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    description: text("description"),
    definition: jsonb("definition").$type<ScheduleDefinition>().notNull(),
    /** Null for the platform's own baselines. */
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    visibility: visibility("visibility").notNull().default("public"),
    /** Baselines are the reference schedules every leaderboard compares against. */
    isBaseline: boolean("is_baseline").notNull().default(false),
    /** The task a baseline was tuned for (StepDecay milestones differ per task). */
    taskId: text("task_id").references(() => tasks.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => sql`now()`),
  },
  (table) => [
    index("schedules_visibility_created_idx").on(table.visibility, table.createdAt),
    index("schedules_owner_idx").on(table.ownerId),
  ],
);

export type User = typeof users.$inferSelect;
export type Task = typeof tasks.$inferSelect;
export type Schedule = typeof schedules.$inferSelect;
export type NewSchedule = typeof schedules.$inferInsert;

