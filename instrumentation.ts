// Opening the database at start means migrations and seeding happen before the first visitor,
// and a broken DATABASE_URL fails the start instead of the first page.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { getDb } = await import("./db");
    await getDb();
  }
}
