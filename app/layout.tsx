import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { currentActor } from "./_lib/auth/actor";
import "./globals.css";

// Every page reads the database; nothing may be prerendered at build time, when no database exists.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "lrbench: learning-rate schedules, measured", template: "%s · lrbench" },
  description:
    "A benchmark and leaderboard for learning-rate schedules: step decay, AutoDecay, cosine, cyclical, 1cycle, warm restarts, replayed on standard tasks.",
};

const NAV = [
  { href: "/leaderboard", label: "Leaderboard" },
  { href: "/analyses", label: "Analyses" },
  { href: "/profiles", label: "Profiles" },
  { href: "/schedules", label: "Schedules" },
  { href: "/runs", label: "Runs" },
  { href: "/tasks", label: "Tasks" },
  { href: "/schedules/new", label: "New schedule" },
];

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const { db } = await getDb();
  const actor = await currentActor(db);
  return (
    <html lang="en">
      <body className="min-h-screen flex flex-col">
        <header className="border-b border-slate-200 bg-white">
          <nav className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
            <Link href="/" className="text-lg font-semibold tracking-tight text-indigo-700">
              lrbench
            </Link>
            {NAV.map((item) => (
              <Link key={item.href} href={item.href} className="text-sm text-slate-600 hover:text-slate-900">
                {item.label}
              </Link>
            ))}
            <span className="ml-auto text-sm">
              {actor.kind === "anonymous" ? (
                <Link href="/signin" className="text-indigo-700 hover:underline">
                  Sign in
                </Link>
              ) : (
                <Link href="/account" className="text-slate-600 hover:text-slate-900">
                  Account ({actor.role})
                </Link>
              )}
            </span>
          </nav>
        </header>
        <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">{children}</main>
        <footer className="border-t border-slate-200 bg-white">
          <div className="mx-auto max-w-6xl px-4 py-4 text-xs text-slate-500">
            lrbench measures learning-rate schedules on standard tasks. Schedule semantics follow PyTorch&apos;s
            lr_scheduler exactly.
          </div>
        </footer>
      </body>
    </html>
  );
}
