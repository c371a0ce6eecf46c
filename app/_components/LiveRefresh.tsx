"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-renders the page on the server every few seconds while `active`: server-drawn rows stay live without an API of their own. */
export function LiveRefresh({ active, everyMs = 3000 }: { active: boolean; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs, router]);
  return null;
}
